// The byte strings Atlas device keys sign, as `atlas-primitives` builds them.
import { u8aConcat, stringToU8a, bnToU8a } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
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

/** `admin` registers a network state named `name` (admin of its own state); resolves its id. */
export async function registerState(api, name, admin) {
  const id = (await api.query.networkStates.nextStateId()).toNumber();
  await submitAndWaitFinalized(api.tx.networkStates.registerState(name, '', admin.address), admin);
  return id;
}
