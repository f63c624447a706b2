fn main() {
	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("ATH", 12)
		.build();

	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();

	// The next spec version's WASM, which the upgrade test enacts through a referendum. It
	// reuses the runtime's compiled dependencies: only this crate compiles twice.
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_feature("next-spec-version")
		.set_file_name("atlas_runtime_next")
		.build();
}
