//! Arbitrary bytes as an extrinsic: decoded as the node decodes what peers and RPC clients send,
//! and validated as the transaction pool would.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| atlas_fuzz::run_extrinsic(data));
