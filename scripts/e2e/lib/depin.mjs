// The byte strings Atlas device keys sign, as `atlas-primitives` builds them.
import { u8aConcat, stringToU8a, bnToU8a } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { Keyring } from '@polkadot/keyring';
import { submitAndWaitFinalized } from './node.mjs';

const u32 = (n) => bnToU8a(n, { bitLength: 32, isLe: true });
const u64 = (n) => bnToU8a(n, { bitLength: 64, isLe: true });

/** What a device's sr25519 key signs to prove `owner` holds it (see `possession_payload`). */
export function possessionPayload(api, owner, devicePublic, nonce) {
  return u8aConcat(
    stringToU8a('atlas:device-possession:'),
    api.genesisHash.toU8a(),
    decodeAddress(owner),
    new Uint8Array([0]), // DeviceKey::Sr25519
    devicePublic,
    u32(nonce),
  );
}

/** What a device key signs for its report of `epoch` (see `report_payload`). */
export function reportPayload(api, device, epoch, m) {
  return u8aConcat(
    stringToU8a('atlas:device-report:'),
    api.genesisHash.toU8a(),
    u64(device),
    u32(epoch),
    u32(m.uptimeSecs), u64(m.bandwidthBytes), u32(m.energyWh), u32(m.computeUnits), u32(m.samples),
  );
}

/** The dev chain's sudo key (root stands in for the admissions governance in these tests). */
function sudoKey() {
  return new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
}

/** Dispatches `call` as root through sudo; rejects if the call itself failed. */
export async function asRoot(api, call) {
  const { events } = await submitAndWaitFinalized(api.tx.sudo.sudo(call), sudoKey());
  const sudid = events.map((r) => r.event).find((e) => e.section === 'sudo' && e.method === 'Sudid');
  const result = sudid.data.sudoResult ?? sudid.data[0];
  if (result.isErr) {
    const err = result.asErr;
    const reason = err.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(err.asModule)) : err.toString();
    throw new Error(`sudo dispatch error: ${reason}`);
  }
  return events;
}

/**
 * `admin` applies for a network state named `name` (admin of its own state, posting the
 * admission bond), root admits it and the probation (one block on a dev chain) is concluded:
 * the state is established. Resolves its id.
 */
export async function registerState(api, name, admin, uri = '') {
  const id = (await api.query.networkStates.nextStateId()).toNumber();
  await submitAndWaitFinalized(api.tx.networkStates.registerState(name, uri, admin.address), admin);
  await asRoot(api, api.tx.networkStates.admitState(id));
  await submitAndWaitFinalized(api.tx.networkStates.concludeProbation(id), admin);
  return id;
}

/**
 * Seals blocks (system remarks signed by `signer`, on an instant-sealing node) until a new
 * epoch starts; resolves the new epoch. Reports submitted then have the whole epoch to land.
 */
export async function freshEpoch(api, signer) {
  const start = (await api.call.depinAttestationsApi.currentEpoch()).toNumber();
  for (let i = 0; i < 50; i++) {
    await submitAndWaitFinalized(api.tx.system.remark('0x00'), signer);
    const now = (await api.call.depinAttestationsApi.currentEpoch()).toNumber();
    if (now !== start) return now;
  }
  throw new Error(`epoch ${start} did not end within 50 blocks`);
}
