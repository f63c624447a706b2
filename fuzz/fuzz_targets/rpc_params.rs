//! Arbitrary bytes as the JSON parameters of `depin_*` methods, checked as the node checks them.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| atlas_fuzz::run_rpc_params(data));
