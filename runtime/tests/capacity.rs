//! How many device reports fit in one block, from the generated weights (run by
//! `scripts/reports-per-block.sh`, which prints the figures). The assertions hold the targets:
//! at least 5,000 reports per block in the normal dispatch class.

use atlas_runtime::{configs::RuntimeBlockWeights, Runtime};
use frame_support::{dispatch::DispatchClass, weights::Weight};
use pallet_attestations::WeightInfo as _;
use pallet_balances::WeightInfo as _;
use pallet_deployments::WeightInfo as _;

/// Extrinsics of `per_call` items, each costing `call(per_call)`, that fit in the normal class;
/// returns the items that fit.
fn items_per_block(per_call: u32, call: impl Fn(u32) -> Weight) -> u64 {
	let weights = RuntimeBlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let max_total = normal.max_total.expect("normal class is bounded");
	let per_extrinsic = call(per_call).saturating_add(normal.base_extrinsic);
	let calls = max_total.checked_div_per_component(&per_extrinsic).unwrap_or(0);
	calls * u64::from(per_call)
}

#[test]
fn device_reports_per_block() {
	type Attest = <Runtime as pallet_attestations::Config>::WeightInfo;
	type Bal = <Runtime as pallet_balances::Config>::WeightInfo;
	let max_batch = <<Runtime as pallet_attestations::Config>::MaxBatch as frame_support::traits::Get<u32>>::get();
	let weights = RuntimeBlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let one = Attest::submit_reports(1);
	let slope = Attest::submit_reports(2).saturating_sub(one);
	type Reports = pallet_attestations::Pallet<Runtime>;
	type DeploymentWeights = <Runtime as pallet_deployments::Config>::WeightInfo;
	// Devices paying no vault and in no deployment (a refunded batch is charged this much: the
	// registry only looks the device's deployment up).
	let reports = items_per_block(max_batch, |n| {
		Reports::reports_weight(n, 0)
			.saturating_sub(Reports::deliveries_weight(n))
			.saturating_add(DeploymentWeights::note_delivery_outside().saturating_mul(n.into()))
	});
	// Every device in a deployment that counts toward a blueprint: both KPIs are updated.
	let deployment_reports = items_per_block(max_batch, |n| Reports::reports_weight(n, 0));
	// Every device paying a vault of its own too: rewards update each vault's unpaid points.
	let vault_reports = items_per_block(max_batch, |n| Reports::reports_weight(n, n));
	let observations = items_per_block(max_batch, Attest::attest);
	let transfers = items_per_block(1, |_| Bal::transfer_keep_alive());
	println!(
		"normal class budget: {} µs of ref time",
		normal.max_total.unwrap().ref_time() / 1_000_000
	);
	println!(
		"submit_reports: {} µs per report ({} µs for one), batches of {max_batch}",
		slope.ref_time() / 1_000_000,
		one.ref_time() / 1_000_000
	);
	println!("device reports per block (normal class): {reports}");
	println!(
		"device reports per block, every device in a deployment of a blueprint: {deployment_reports}"
	);
	println!(
		"device reports per block, every device in a blueprint's deployment and paying its own vault: {vault_reports}"
	);
	println!("verifier observations per block (normal class): {observations}");
	println!("transfer_keep_alive per block (normal class): {transfers}");
	assert!(reports >= 5_000, "only {reports} device reports fit in a block");
}
