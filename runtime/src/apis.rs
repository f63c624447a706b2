//! The runtime APIs: what the node, wallets (polkadot.js, subxt, papi) and dashboards call.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	view_functions::ViewFunctionDispatchError,
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use atlas_primitives::{DeviceId, EpochIndex, Page, StateId};

use super::{
	opaque::SessionKeys, AccountId, Attestations, Aura, Balance, Block, Deployments, Devices,
	Executive, Grandpa, InherentDataExt, Interstate, NetworkStates, Nonce, Rewards, Runtime,
	RuntimeCall, RuntimeGenesisConfig, System, TransactionPayment, Vaults, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use codec::Encode;
			use frame_support::traits::KeyOwnerProofSystem;
			crate::Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|p| p.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}

	impl atlas_runtime_api::DepinAttestationsApi<
		Block,
		AccountId,
		pallet_attestations::EpochSummary,
		pallet_attestations::DeviceRecord,
	> for Runtime {
		fn current_epoch() -> EpochIndex {
			Attestations::current_epoch()
		}

		fn epoch_summary(epoch: EpochIndex) -> pallet_attestations::EpochSummary {
			Attestations::epoch_summary(epoch)
		}

		fn device_record(epoch: EpochIndex, device: DeviceId) -> Option<pallet_attestations::DeviceRecord> {
			Attestations::device_record(epoch, device)
		}

		fn assigned_verifiers(epoch: EpochIndex, device: DeviceId) -> Vec<AccountId> {
			Attestations::assigned_verifiers(epoch, device)
		}
	}

	impl atlas_runtime_api::DepinInterstateApi<
		Block,
		pallet_deployments::DeploymentOf<Runtime>,
		pallet_deployments::BlueprintOf<Runtime>,
		pallet_interstate::AgreementOf<Runtime>,
	> for Runtime {
		fn recognitions_of(
			state: StateId,
			cursor: Option<StateId>,
			limit: u32,
		) -> Page<StateId, StateId> {
			Interstate::recognitions_of(state, cursor, limit)
		}

		fn recognised_by(
			state: StateId,
			cursor: Option<StateId>,
			limit: u32,
		) -> Page<StateId, StateId> {
			Interstate::recognised_by(state, cursor, limit)
		}

		fn recognition_requests(
			state: StateId,
			cursor: Option<StateId>,
			limit: u32,
		) -> Page<StateId, StateId> {
			Interstate::recognition_requests(state, cursor, limit)
		}

		fn is_recognised(by: StateId, state: StateId) -> bool {
			Interstate::is_recognised(by, state)
		}

		fn deployment(deployment: u32) -> Option<pallet_deployments::DeploymentOf<Runtime>> {
			Deployments::deployment(deployment)
		}

		fn deployments_of(
			state: StateId,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<(u32, pallet_deployments::DeploymentOf<Runtime>), u32> {
			Deployments::deployments_of(state, cursor, limit)
		}

		fn deployment_devices(
			deployment: u32,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> Page<DeviceId, DeviceId> {
			Deployments::deployment_devices(deployment, cursor, limit)
		}

		fn blueprint(blueprint: u32) -> Option<pallet_deployments::BlueprintOf<Runtime>> {
			Deployments::blueprint(blueprint)
		}

		fn deployment_kpis(deployment: u32) -> Option<atlas_primitives::KpiView> {
			Deployments::deployment_kpis(deployment)
		}

		fn blueprint_kpis(blueprint: u32) -> Option<atlas_primitives::KpiView> {
			Deployments::blueprint_kpis(blueprint)
		}

		fn blueprints_ranked(
			kind: atlas_primitives::KpiKind,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<(u32, atlas_primitives::KpiView), u32> {
			Deployments::blueprints_ranked(kind, cursor, limit)
		}

		fn agreement(agreement: u32) -> Option<pallet_interstate::AgreementOf<Runtime>> {
			Interstate::agreement(agreement)
		}

		fn agreements_hosted_by(
			state: StateId,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<(u32, pallet_interstate::AgreementOf<Runtime>), u32> {
			Interstate::agreements_hosted_by(state, cursor, limit)
		}

		fn agreements_granted_to(
			state: StateId,
			cursor: Option<u32>,
			limit: u32,
		) -> Page<(u32, pallet_interstate::AgreementOf<Runtime>), u32> {
			Interstate::agreements_granted_to(state, cursor, limit)
		}

		fn usage_allowed(guest: StateId, device: DeviceId) -> bool {
			Interstate::usage_allowed(guest, device)
		}
	}

	impl atlas_runtime_api::DepinOverviewApi<Block, Balance> for Runtime {
		fn overview() -> atlas_runtime_api::NetworkOverview<Balance> {
			let epoch = Attestations::current_epoch();
			let summary = Attestations::epoch_summary(epoch);
			let totals = Rewards::emission_totals();
			atlas_runtime_api::NetworkOverview {
				block: System::block_number(),
				epoch,
				devices: Devices::census(),
				reporting: summary.classes.map(|c| c.devices),
				minted: totals.minted,
				paid: totals.paid,
				states: NetworkStates::state_tally(),
				validators: pallet_aura::Authorities::<Runtime>::decode_len().unwrap_or(0) as u32,
				blueprints: pallet_deployments::BlueprintCount::<Runtime>::get(),
			}
		}
	}

	impl atlas_runtime_api::DepinVaultsApi<Block, Balance, pallet_vaults::VaultViewOf<Runtime>> for Runtime {
		fn vault(vault: atlas_primitives::VaultId) -> Option<pallet_vaults::VaultViewOf<Runtime>> {
			Vaults::view(vault)
		}

		fn vaults(
			cursor: Option<atlas_primitives::VaultId>,
			limit: u32,
		) -> Vec<pallet_vaults::VaultViewOf<Runtime>> {
			Vaults::vaults(cursor, limit)
		}

		fn share_value(vault: atlas_primitives::VaultId, shares: Balance) -> Option<Balance> {
			Vaults::value_of(vault, shares)
		}
	}

	impl atlas_runtime_api::DepinRewardsApi<
		Block,
		AccountId,
		Balance,
		pallet_rewards::PendingRewards<u32, Balance>,
		pallet_rewards::Receipt<u32, Balance>,
		pallet_rewards::EpochBudgetOf<Runtime>,
	> for Runtime {
		fn pending_rewards(device: DeviceId) -> pallet_rewards::PendingRewards<u32, Balance> {
			Rewards::pending_of(device)
		}

		fn pending_rewards_of_owner(
			owner: AccountId,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> atlas_runtime_api::OwnerRewards<Balance, pallet_rewards::PendingRewards<u32, Balance>> {
			Rewards::owner_rewards(&owner, cursor, limit)
		}

		fn reward_receipt(device: DeviceId, epoch: EpochIndex) -> Option<pallet_rewards::Receipt<u32, Balance>> {
			Rewards::receipt(device, epoch)
		}

		fn epoch_budget(epoch: EpochIndex) -> Option<pallet_rewards::EpochBudgetOf<Runtime>> {
			pallet_rewards::Budgets::<Runtime>::get(epoch)
		}

		fn verifier_rewards(verifier: AccountId) -> Vec<(EpochIndex, Balance)> {
			Rewards::verifier_rewards_of(&verifier)
		}
	}

	impl atlas_runtime_api::DepinRegistryApi<
		Block,
		AccountId,
		pallet_network_states::NetworkStateOf<Runtime>,
		pallet_devices::DeviceOf<Runtime>,
	> for Runtime {
		fn network_state(state: StateId) -> Option<pallet_network_states::NetworkStateOf<Runtime>> {
			NetworkStates::network_state(state)
		}

		fn members(
			state: StateId,
			cursor: Option<AccountId>,
			limit: u32,
		) -> Page<(AccountId, atlas_primitives::RoleSet), AccountId> {
			NetworkStates::members(state, cursor, limit)
		}

		fn roles_of(state: StateId, who: AccountId) -> atlas_primitives::RoleSet {
			NetworkStates::roles_of(state, who)
		}

		fn device(device: DeviceId) -> Option<pallet_devices::DeviceOf<Runtime>> {
			Devices::device(device)
		}

		fn devices_by_owner(
			owner: AccountId,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> Page<(DeviceId, pallet_devices::DeviceOf<Runtime>), DeviceId> {
			Devices::owner_page(owner, cursor, limit)
		}

		fn devices_by_state(
			state: StateId,
			cursor: Option<DeviceId>,
			limit: u32,
		) -> Page<(DeviceId, pallet_devices::DeviceOf<Runtime>), DeviceId> {
			Devices::state_page(state, cursor, limit)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use baseline::Pallet as BaselineBench;
			use pallet_session_benchmarking::Pallet as SessionBench;
			#[allow(unused_imports)]
			use super::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use frame_support::traits::{TrackedStorageKey, WhitelistedStorageKeys};
			use frame_system_benchmarking::Pallet as SystemBench;
			use baseline::Pallet as BaselineBench;
			use pallet_session_benchmarking::Pallet as SessionBench;
			#[allow(unused_imports)]
			use super::*;

			impl frame_system_benchmarking::Config for Runtime {}
			impl baseline::Config for Runtime {}
			impl pallet_session_benchmarking::Config for Runtime {
				fn generate_session_keys_and_proof(owner: AccountId) -> (SessionKeys, Vec<u8>) {
					use codec::Encode;
					let generated = SessionKeys::generate(&owner.encode(), None);
					(generated.keys, generated.proof.encode())
				}
			}

			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();

			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, super::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}
}
