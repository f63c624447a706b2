//! The try-runtime upgrade check (see `atlas_fuzz::check_upgrade`) as a libFuzzer binary, so it
//! shares the fuzzer's `try-runtime` build: run it on a snapshot file,
//! `try_upgrade snapshot.json`. An input that is not a snapshot is ignored; a snapshot the
//! upgrade fails on panics with what failed.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	let Ok(snapshot) = serde_json::from_slice::<atlas_fuzz::Snapshot>(data) else { return };
	match atlas_fuzz::check_upgrade(&snapshot) {
		Ok(report) => println!(
			"try-runtime upgrade check passed on block {}: {} keys, weight {:?}",
			snapshot.block, report.keys, report.weight
		),
		Err(e) => panic!("try-runtime upgrade check failed on block {}: {e}", snapshot.block),
	}
});
