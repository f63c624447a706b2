//! The node's service: client, transaction pool, networking, and either Aura + GRANDPA or a
//! dev sealing engine (instant or manual seal).

use std::{
	sync::{
		atomic::{AtomicU64, Ordering},
		Arc,
	},
	time::Duration,
};

use atlas_runtime::{self, apis::RuntimeApi, opaque::Block, SLOT_DURATION};
use futures::FutureExt;
use sc_client_api::BlockBackend;
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{log, Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_consensus_aura::sr25519::AuthorityPair as AuraPair;

use crate::cli::Sealing;

/// Host functions the runtime may call natively.
pub(crate) type HostFunctions = sp_io::SubstrateHostFunctions;

/// The full client: database backend, WASM executor, Atlas runtime API.
pub(crate) type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;

/// The minimum period of blocks on which justifications will be imported and generated.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLinkHalf = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// The parts of a node that every subcommand needs.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
	(GrandpaBlockImport, GrandpaLinkHalf, Option<Telemetry>),
>;

/// Build the client, backend, pool and import queue. `sealing` picks the import queue: Aura
/// verification for the production mode, no seal verification for dev sealing.
pub fn new_partial(config: &Configuration, sealing: Sealing) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&client,
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;

	let import_queue = match sealing {
		Sealing::Aura => {
			let cidp_client = client.clone();
			sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
				block_import: grandpa_block_import.clone(),
				justification_import: Some(Box::new(grandpa_block_import.clone())),
				client: client.clone(),
				create_inherent_data_providers: move |parent_hash, _| {
					let cidp_client = cidp_client.clone();
					async move {
						let slot_duration =
							sc_consensus_aura::standalone::slot_duration_at(&*cidp_client, parent_hash)?;
						let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
						let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
							*timestamp,
							slot_duration,
						);
						Ok((slot, timestamp))
					}
				},
				spawner: &task_manager.spawn_essential_handle(),
				registry: config.prometheus_registry(),
				check_for_equivocation: Default::default(),
				telemetry: telemetry.as_ref().map(|x| x.handle()),
				compatibility_mode: Default::default(),
			})
			.map_err::<ServiceError, _>(Into::into)?
		},
		Sealing::Instant | Sealing::Manual => sc_consensus_manual_seal::import_queue(
			Box::new(client.clone()),
			&task_manager.spawn_essential_handle(),
			config.prometheus_registry(),
		),
	};

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (grandpa_block_import, grandpa_link, telemetry),
	})
}

/// Instant sealing: a finalized block as soon as a transaction arrives, and another after each
/// block while transactions are still waiting. A block that rotates the session takes the whole
/// block weight (pallet-session's rule), so the transaction that triggered it waits for the next
/// one; upstream's instant seal would stall on it until another transaction arrived.
fn instant_seal_commands(
	client: Arc<FullClient>,
	pool: Arc<sc_transaction_pool::TransactionPoolHandle<Block, FullClient>>,
) -> impl futures::Stream<
	Item = sc_consensus_manual_seal::EngineCommand<<Block as sp_runtime::traits::Block>::Hash>,
> {
	use futures::StreamExt;
	use sc_client_api::BlockchainEvents;
	use sc_transaction_pool_api::TransactionPool;
	let arrivals = pool.import_notification_stream().map(|_| ());
	// Only after a block that took no transaction (its body is the timestamp inherent alone):
	// right after a block that did, the pool may not have pruned what it included yet.
	let chain = client.clone();
	let waiting = client
		.import_notification_stream()
		.filter(move |block| {
			let took_none =
				chain.block_body(block.hash).ok().flatten().is_some_and(|body| body.len() <= 1);
			futures::future::ready(took_none && pool.status().ready > 0)
		})
		.map(|_| ());
	futures::stream::select(arrivals, waiting).map(|()| {
		sc_consensus_manual_seal::EngineCommand::SealNewBlock {
			// A session-rotation block carries only inherents.
			create_empty: true,
			finalize: true,
			parent_hash: None,
			sender: None,
		}
	})
}

/// Build and start a full node.
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	config: Configuration,
	sealing: Sealing,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (block_import, grandpa_link, mut telemetry),
	} = new_partial(&config, sealing)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let peer_store_handle = net_config.peer_store_handle();

	let grandpa_protocol_name = sc_consensus_grandpa::protocol_standard_name(
		&client
			.block_hash(0u32.into())?
			.ok_or_else(|| ServiceError::Other("the genesis block's hash is missing".into()))?,
		&config.chain_spec,
	);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			peer_store_handle,
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	let role = config.role;
	let force_authoring = config.force_authoring;
	let backoff_authoring_blocks: Option<()> = None;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa && sealing == Sealing::Aura;
	let prometheus_registry = config.prometheus_registry().cloned();

	// Dev sealing: a command channel that `engine_createBlock` (manual) feeds.
	let (command_sink, commands_stream) = match sealing {
		Sealing::Manual => {
			let (sink, stream) = futures::channel::mpsc::channel(1024);
			(Some(sink), Some(stream))
		},
		_ => (None, None),
	};

	let rpc_extensions_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();

		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				command_sink: command_sink.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let _rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_extensions_builder,
		backend: backend.clone(),
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	if role.is_authority() {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);

		match sealing {
			Sealing::Aura => {
				let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
				let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
					StartAuraParams {
						slot_duration,
						client: client.clone(),
						select_chain,
						block_import,
						proposer_factory,
						create_inherent_data_providers: move |_, ()| async move {
							let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
							let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
								*timestamp,
								slot_duration,
							);
							Ok((slot, timestamp))
						},
						force_authoring,
						backoff_authoring_blocks,
						keystore: keystore_container.keystore(),
						sync_oracle: sync_service.clone(),
						justification_sync_link: sync_service.clone(),
						block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
						max_block_proposal_slot_portion: None,
						telemetry: telemetry.as_ref().map(|x| x.handle()),
						compatibility_mode: Default::default(),
					},
				)?;
				// The AURA authoring task is considered essential: if it fails, the node stops.
				task_manager.spawn_essential_handle().spawn_blocking(
					"aura",
					Some("block-authoring"),
					aura,
				);
			},
			Sealing::Instant | Sealing::Manual => {
				let create_inherent_data_providers = dev_inherent_data_providers(client.clone());
				let consensus_data_provider = Some(Box::new(
					sc_consensus_manual_seal::consensus::aura::AuraConsensusDataProvider::new(
						client.clone(),
					),
				) as Box<_>);
				let task = match commands_stream {
					Some(commands_stream) => sc_consensus_manual_seal::run_manual_seal(
						sc_consensus_manual_seal::ManualSealParams {
							block_import: client.clone(),
							env: proposer_factory,
							client: client.clone(),
							pool: transaction_pool.clone(),
							commands_stream,
							select_chain,
							consensus_data_provider,
							create_inherent_data_providers,
						},
					)
					.boxed(),
					None => sc_consensus_manual_seal::run_manual_seal(
						sc_consensus_manual_seal::ManualSealParams {
							block_import: client.clone(),
							env: proposer_factory,
							client: client.clone(),
							pool: transaction_pool.clone(),
							commands_stream: instant_seal_commands(
								client.clone(),
								transaction_pool.clone(),
							),
							select_chain,
							consensus_data_provider,
							create_inherent_data_providers,
						},
					)
					.boxed(),
				};
				task_manager.spawn_essential_handle().spawn_blocking(
					"dev-sealing",
					Some("block-authoring"),
					task,
				);
			},
		}
	}

	if enable_grandpa {
		// If the node isn't actively participating in consensus it doesn't need a keystore,
		// regardless of which protocol we use below.
		let keystore = if role.is_authority() { Some(keystore_container.keystore()) } else { None };

		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};

		// Start the full GRANDPA voter. It runs on every full node (authority or not) so that
		// finality follows the chain's authority set changes.
		let grandpa_params = sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: Arc::new(sync_service),
			notification_service: grandpa_notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state: SharedVoterState::empty(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};

		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			sc_consensus_grandpa::run_grandpa_voter(grandpa_params)?,
		);
	} else if sealing != Sealing::Aura {
		log::info!("🔧 Dev sealing ({sealing:?}): blocks are finalized by the sealing engine, GRANDPA is off");
	}

	Ok(task_manager)
}

/// Inherent data for dev sealing. Aura needs each block in a later slot than its parent, but
/// instant or manual seal may produce many blocks within one slot's wall-clock time; so the
/// timestamp advances by at least one slot per block past its parent's (read from the parent's
/// state, so that a node restarted on its database goes on from where its chain is, which may
/// be ahead of the wall clock), and never runs behind the wall clock.
fn dev_inherent_data_providers(
	client: Arc<FullClient>,
) -> impl sp_inherents::CreateInherentDataProviders<
	Block,
	(),
	InherentDataProviders = sp_timestamp::InherentDataProvider,
> {
	let last = Arc::new(AtomicU64::new(0));
	move |parent: <Block as sp_runtime::traits::Block>::Hash, ()| {
		let last = last.clone();
		let parent_time = parent_timestamp(&client, parent);
		async move {
			let now = sp_timestamp::Timestamp::current().as_millis();
			let previous = last.load(Ordering::SeqCst).max(parent_time);
			let next = now.max(previous.saturating_add(SLOT_DURATION));
			last.store(next, Ordering::SeqCst);
			Ok(sp_timestamp::InherentDataProvider::new(next.into()))
		}
	}
}

/// The timestamp (`pallet_timestamp::Now`, Unix ms) in `parent`'s state; 0 if unreadable.
fn parent_timestamp(
	client: &FullClient,
	parent: <Block as sp_runtime::traits::Block>::Hash,
) -> u64 {
	use codec::Decode;
	use sc_client_api::StorageProvider;
	let key = [sp_io::hashing::twox_128(b"Timestamp"), sp_io::hashing::twox_128(b"Now")].concat();
	client
		.storage(parent, &sp_core::storage::StorageKey(key))
		.ok()
		.flatten()
		.and_then(|data| u64::decode(&mut &data.0[..]).ok())
		.unwrap_or(0)
}
