//! The pallets whose benchmarks `atlas-node benchmark pallet` runs.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_assets, Assets]
	[pallet_utility, Utility]
	[pallet_sudo, Sudo]
	[pallet_sovereign_registry, SovereignRegistry]
	[pallet_devices, Devices]
	[pallet_attestations, Attestations]
	[pallet_rewards, Rewards]
	[pallet_vaults, Vaults]
);
