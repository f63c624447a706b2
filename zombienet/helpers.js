// Shared by the js-script checks of testnet.zndsl. zombienet (1.3.138) `require`s each script
// and calls its `run(nodeName, networkInfo, args)`; `networkInfo.nodesByName[name].wsUri` is a
// node's JSON-RPC endpoint. The scripts use @polkadot/api 16 from zombienet/node_modules rather
// than the older copy zombienet bundles (global `zombie.ApiPromise`, 14.x).
const { ApiPromise, WsProvider } = require('@polkadot/api');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Connect to a node's JSON-RPC endpoint; waits (retrying) until it answers. */
async function connect(wsUri) {
  const api = await ApiPromise.create({ provider: new WsProvider(wsUri), noInitWarn: true });
  await api.isReady;
  return api;
}

/** Connect to the node called `name` in the running network. */
function connectTo(networkInfo, name) {
  const node = networkInfo.nodesByName[name];
  if (!node) throw new Error(`no node called ${name} in the network`);
  return connect(node.wsUri);
}

async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

async function finalizedNumber(api) {
  const hash = await api.rpc.chain.getFinalizedHead();
  return (await api.rpc.chain.getHeader(hash)).number.toNumber();
}

/** Poll `check` every `everyMs` until it returns a truthy value or `timeoutMs` passes. */
async function waitFor(what, check, { timeoutMs, everyMs = 2000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** `section.Name` of a dispatch error, or its plain text. */
function describeDispatchError(api, dispatchError) {
  if (dispatchError.isModule) {
    const { section, name } = api.registry.findMetaError(dispatchError.asModule);
    return `${section}.${name}`;
  }
  return dispatchError.toString();
}

/**
 * Sign and submit `tx`; resolve once it is in a block with
 * { blockHash, events, error } where `error` is the dispatch error (`section.Name`) or null.
 * Rejects if the pool refuses or drops the transaction.
 */
function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    tx.signAndSend(signer, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInBlock) {
        unsub();
        resolve({
          blockHash: status.asInBlock,
          events,
          error: dispatchError ? describeDispatchError(api, dispatchError) : null,
        });
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsub();
        reject(new Error(`${tx.method.section}.${tx.method.method}: transaction ${status.type}`));
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

/** Like `submit`, but rejects on a dispatch error. */
async function submitOk(api, tx, signer) {
  const res = await submit(api, tx, signer);
  if (res.error) throw new Error(`${tx.method.section}.${tx.method.method} failed: ${res.error}`);
  return res;
}

/**
 * The Aura author of the block with `header`: the slot from its aura pre-runtime digest, modulo
 * the authorities in the parent's state (the set the block was sealed under). Returns the
 * author's sr25519 public key as hex, or null for a block without an aura digest (genesis).
 */
async function auraAuthor(api, header) {
  const pre = header.digest.logs.find(
    (log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura',
  );
  if (!pre) return null;
  const slot = api.createType('u64', pre.asPreRuntime[1]).toBigInt();
  const atParent = await api.at(header.parentHash);
  const authorities = await atParent.query.aura.authorities();
  if (authorities.length === 0) return null;
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

module.exports = {
  sleep,
  connect,
  connectTo,
  bestNumber,
  finalizedNumber,
  waitFor,
  submit,
  submitOk,
  describeDispatchError,
  auraAuthor,
};
