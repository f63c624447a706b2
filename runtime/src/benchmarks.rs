//! The pallets whose benchmarks `atlas-node benchmark pallet` runs.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_assets, Assets]
	[pallet_utility, Utility]
	[pallet_sudo, Sudo]
	[pallet_staking, Staking]
	[pallet_collective, Council]
	[pallet_treasury, Treasury]
	[pallet_preimage, Preimage]
	[pallet_scheduler, Scheduler]
	[pallet_referenda, Referenda]
	[pallet_conviction_voting, ConvictionVoting]
	[pallet_sovereign_registry, SovereignRegistry]
	[pallet_devices, Devices]
	[pallet_attestations, Attestations]
	[pallet_rewards, Rewards]
	[pallet_vaults, Vaults]
	[pallet_state_seats, StateSeats]
);
