//! Arbitrary sequences of signed extrinsics, governance calls and blocks against the runtime,
//! every invariant checked after every block (see `atlas_fuzz`).
//!
//! `ATLAS_FUZZ_WRITE_SEEDS=DIR` writes the seed corpora into `DIR/runtime` and `DIR/extrinsic`
//! and the dictionary into `DIR/runtime.dict`, and exits.
#![no_main]

libfuzzer_sys::fuzz_target!(
	init: {
		if let Some(dir) = std::env::var_os("ATLAS_FUZZ_WRITE_SEEDS") {
			let dir = std::path::PathBuf::from(dir);
			for (target, seeds) in [
				("runtime", atlas_fuzz::seeds::seeds()),
				("extrinsic", atlas_fuzz::seeds::extrinsic_seeds()),
			] {
				let dir = dir.join(target);
				std::fs::create_dir_all(&dir).expect("the seed directory can be created");
				for (name, input) in seeds {
					std::fs::write(dir.join(name), input).expect("the seed can be written");
				}
			}
			let words = atlas_fuzz::seeds::runtime_dictionary();
			std::fs::write(dir.join("runtime.dict"), atlas_fuzz::seeds::dictionary_file(&words))
				.expect("the dictionary can be written");
			std::process::exit(0);
		}
	},
	|data: &[u8]| atlas_fuzz::run_input(data)
);
