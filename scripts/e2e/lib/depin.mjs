// The byte strings Atlas device keys sign, as `atlas-primitives` builds them; device keys of
// every scheme; the verifier pool.
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { u8aConcat, stringToU8a, bnToU8a, compactAddLength, u8aToU8a } from '@polkadot/util';
import { decodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';
import { Keyring } from '@polkadot/keyring';
import { submitAndWaitFinalized } from './node.mjs';

const u32 = (n) => bnToU8a(n, { bitLength: 32, isLe: true });
const u64 = (n) => bnToU8a(n, { bitLength: 64, isLe: true });

/** `DeviceKey`'s variants in declaration order (their SCALE index) and their key lengths. */
const KEY_SCHEMES = [['Sr25519', 32], ['Ed25519', 32], ['Secp256k1', 33], ['P256', 33]];

/**
 * The SCALE encoding of a `DeviceKey`: `key` is either the enum as polkadot.js takes it
 * (`{ P256: bytes }`, `{ Sr25519: bytes }`, ...) or bare sr25519 public key bytes.
 */
export function encodeDeviceKey(key) {
  if (key instanceof Uint8Array) return u8aConcat(new Uint8Array([0]), key); // DeviceKey::Sr25519
  const entries = Object.entries(key);
  if (entries.length !== 1) throw new Error(`a device key has one scheme, got ${Object.keys(key)}`);
  const [scheme, value] = entries[0];
  const index = KEY_SCHEMES.findIndex(([name]) => name === scheme);
  if (index < 0) throw new Error(`unknown device key scheme ${scheme}`);
  const bytes = u8aToU8a(value);
  if (bytes.length !== KEY_SCHEMES[index][1]) throw new Error(`a ${scheme} key is ${KEY_SCHEMES[index][1]} bytes, got ${bytes.length}`);
  return u8aConcat(new Uint8Array([index]), bytes);
}

/**
 * What a device key signs to prove `owner` holds it (see `possession_payload`). `deviceKey` is
 * a `DeviceKey` enum (`{ P256: bytes }`, ...) or bare sr25519 public key bytes.
 */
export function possessionPayload(api, owner, deviceKey, nonce) {
  return u8aConcat(
    stringToU8a('atlas:device-possession:'),
    api.genesisHash.toU8a(),
    decodeAddress(owner),
    encodeDeviceKey(deviceKey),
    u32(nonce),
  );
}

/**
 * What a maker's root key signs to certify a device (see `maker_certificate_payload`): the
 * device key (as for `possessionPayload`), its hardware model and its serial (text or bytes).
 */
export function makerCertificatePayload(deviceKey, hardwareModel, serial) {
  return u8aConcat(
    stringToU8a('atlas:maker-certificate:'),
    encodeDeviceKey(deviceKey),
    u32(hardwareModel),
    compactAddLength(u8aToU8a(serial)),
  );
}

/** `message` as the polkadot{.js} extension signs raw bytes: `<Bytes>` + message + `</Bytes>`. */
export function wrapBytes(message) {
  return u8aConcat(stringToU8a('<Bytes>'), message, stringToU8a('</Bytes>'));
}

/**
 * A fresh ECDSA device key as secure elements hold them: `scheme` 'P256' (NIST P-256) or
 * 'Secp256k1'. `publicKey` is the SEC1 compressed point (33 bytes), `deviceKey` the `DeviceKey`
 * enum, `sign(message)` the signature of the message's SHA-256 hash as r ‖ s (64 bytes) and
 * `signature(message)` the `DeviceSignature` enum of it.
 */
export function ecdsaDeviceKey(scheme) {
  const curve = { P256: 'prime256v1', Secp256k1: 'secp256k1' }[scheme];
  if (!curve) throw new Error(`not an ECDSA device key scheme: ${scheme}`);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const { x, y } = publicKey.export({ format: 'jwk' });
  const xs = Buffer.from(x, 'base64url');
  const ys = Buffer.from(y, 'base64url');
  const compressed = new Uint8Array(u8aConcat(new Uint8Array([ys[ys.length - 1] & 1 ? 0x03 : 0x02]), xs));
  const sign = (message) => new Uint8Array(cryptoSign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
  return {
    scheme,
    publicKey: compressed,
    deviceKey: { [scheme]: compressed },
    sign,
    signature: (message) => ({ [scheme]: sign(message) }),
  };
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

/** The verifier pool each node's tests share (see `verifierPool`). */
const pools = new WeakMap();

/**
 * `n` fresh accounts that `funder` funds and that each bond the least verifier bond: the
 * chain-wide verifier pool of this node's tests, made once per node and shared by its tests.
 * They serve from the epoch after they bonded (call `freshEpoch` before reporting). With at
 * most five verifiers in the pool every device is assigned all of them, and three agreeing are a
 * quorum; none of them owns, operates or administers anything, so they may attest any device.
 */
export async function verifierPool(api, funder, n = 3) {
  if (!pools.has(api)) {
    pools.set(api, (async () => {
      const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
      const verifiers = Array.from({ length: n }, () => keyring.addFromMnemonic(mnemonicGenerate()));
      const bond = api.consts.attestations.minVerifierBond.toBigInt();
      // The bond, and fees on top.
      const funds = bond + bond / 10n;
      await submitAndWaitFinalized(api.tx.utility.batchAll(verifiers.map((v) => api.tx.balances.transferKeepAlive(v.address, funds))), funder);
      for (const v of verifiers) await submitAndWaitFinalized(api.tx.attestations.bond(bond), v);
      return verifiers;
    })());
  }
  const pool = await pools.get(api);
  if (pool.length !== n) throw new Error(`this node's verifier pool has ${pool.length} verifiers, not ${n}`);
  return pool;
}

/**
 * Each of `verifiers` attests, for `epoch`, what it observed of devices: `observations` is a
 * list of `[device, metrics]` (a full `Metrics`). Observing exactly what a device reported
 * makes it verified once three agree.
 */
export async function attestAll(api, verifiers, epoch, observations) {
  for (const v of verifiers) await submitAndWaitFinalized(api.tx.attestations.attest(epoch, observations), v);
}
