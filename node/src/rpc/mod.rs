//! The node's JSON-RPC extensions beside Substrate's own: account nonces (`system_*`),
//! fee queries (`payment_*`), the DePIN reads as plain JSON (`depin_*`, see [`depin`]) and, under
//! dev sealing, `engine_createBlock`.

mod depin;
mod types;

use std::sync::Arc;

use atlas_runtime::{opaque::Block, AccountId, Balance, Hash, Nonce};
use jsonrpsee::RpcModule;
use sc_consensus_manual_seal::{
	rpc::{ManualSeal, ManualSealApiServer},
	EngineCommand,
};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC extensions need.
pub struct FullDeps<C, P> {
	/// The client instance to use.
	pub client: Arc<C>,
	/// Transaction pool instance.
	pub pool: Arc<P>,
	/// The channel to the manual-seal engine, when the node runs `--sealing manual|instant`.
	pub command_sink: Option<futures::channel::mpsc::Sender<EngineCommand<Hash>>>,
}

/// Instantiate all full RPC extensions.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: sc_client_api::BlockchainEvents<Block>,
	C: Send + Sync + 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: depin::DepinApis,
	P: TransactionPool + 'static,
{
	use depin::{Depin, DepinApiServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, command_sink } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Depin::new(client).into_rpc())?;
	if let Some(command_sink) = command_sink {
		module.merge(ManualSeal::new(command_sink).into_rpc())?;
	}

	Ok(module)
}
