// End-to-end: verified work through the real node. A spec beyond its hardware model's maxima is
// refused (the fake-spec attack); a chain-wide verifier pool confirms a report by a quorum of
// its assigned verifiers, while a verifier not yet serving and the device's own owner are
// refused; device keys of secure elements (P-256, secp256k1) register and report, as does a
// report signed the way the polkadot{.js} extension signs raw bytes; and a maker's certificate
// makes a device maker-attested, which governance may require of a class; a verifier's proxy
// commits to its beacon values and reveals one each epoch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import {
  asRoot,
  ecdsaDeviceKey,
  freshEpoch,
  makerCertificatePayload,
  possessionPayload,
  registerState,
  reportPayload,
  wrapBytes,
} from './lib/depin.mjs';

const ATH = 10n ** 12n;
const BERLIN = 0x891f1d48947ffffn;
const MODEL = { rtx4090: 1, dawn: 2, inverter: 4, weatherxm: 5, purpleair: 6 };
let node;
let keyring;

before(async () => {
  await cryptoWaitReady();
  node = await startDevNode(['--sealing', 'instant']);
  keyring = new Keyring({ type: 'sr25519', ss58Format: 2432 });
});

after(async () => {
  await node?.stop();
});

const send = (tx, who) => submitAndWaitFinalized(tx, who);
const dev = (uri) => keyring.addFromUri(uri);
const eventsOf = (events, section, method) => events.map(({ event }) => event).filter((e) => e.section === section && e.method === method);

/** A fresh sr25519 device key, shaped like `ecdsaDeviceKey`'s. */
function sr25519DeviceKey() {
  const pair = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  return {
    scheme: 'Sr25519',
    pair,
    publicKey: pair.publicKey,
    deviceKey: { Sr25519: pair.publicKey },
    sign: (message) => pair.sign(message),
    signature: (message) => ({ Sr25519: pair.sign(message) }),
  };
}

/**
 * `owner` registers a device of `model` with `spec` in `state` under `key` (a device key from
 * `sr25519DeviceKey` or `ecdsaDeviceKey`), its possession proof signed by that key, with the
 * maker `certificate` or none. Resolves { id, events }.
 */
async function registerDevice(api, owner, state, spec, model, key, certificate = null) {
  const nonce = (await api.query.devices.registrationNonce(owner.address)).toNumber();
  const id = (await api.query.devices.nextDeviceId()).toNumber();
  const proof = key.signature(possessionPayload(api, owner.address, key.deviceKey, nonce));
  const { events } = await send(api.tx.devices.registerDevice(state, spec, model, BERLIN, '', key.deviceKey, proof, certificate), owner);
  return { id, events };
}

/** `submitter` submits `device`'s report of `metrics` for `epoch`, signed with `signature`. */
function report(api, submitter, epoch, device, metrics, signature) {
  return send(api.tx.attestations.submitReports(epoch, [{ device, metrics, signature }]), submitter);
}

const record = async (api, epoch, device) => (await api.call.depinAttestationsApi.deviceRecord(epoch, device)).unwrap();

test('the fake-spec attack: a spec beyond its hardware model\'s maxima is refused', async () => {
  const { api } = node;
  const [alice, charlie] = ['//Alice', '//Charlie'].map(dev);
  const state = await registerState(api, 'Weather Watchers', alice);
  await send(api.tx.networkStates.grantRole(state, charlie.address, 'Citizen'), alice);

  // The WeatherXM M5 is approved for at most 60 weather samples an hour.
  const model = (await api.query.devices.hardwareModels(MODEL.weatherxm)).unwrap();
  assert.equal(model.name.toUtf8(), 'WeatherXM M5');
  assert.equal(model.maxSpec.asSensing.sensorKind.toString(), 'Weather');
  assert.equal(model.maxSpec.asSensing.samplesPerHour.toNumber(), 60);

  // A sensor claiming four billion samples an hour would be bounded by its own claim: refused.
  const key = sr25519DeviceKey();
  const weather = (samplesPerHour) => ({ Sensing: { sensorKind: 'Weather', samplesPerHour } });
  await assert.rejects(registerDevice(api, charlie, state, weather(4294967295), MODEL.weatherxm, key), /devices\.SpecExceedsModel/);
  // So is another kind of sensor under the model's name, and a GPU node with more GPUs (or
  // another GPU) than its model has.
  await assert.rejects(registerDevice(api, charlie, state, { Sensing: { sensorKind: 'AirQuality', samplesPerHour: 1 } }, MODEL.weatherxm, key), /devices\.SpecExceedsModel/);
  await assert.rejects(registerDevice(api, charlie, state, { Compute: { gpuModel: 'RTX 4090', gpuCount: 9, gpuMemoryMib: 24576 } }, MODEL.rtx4090, key), /devices\.SpecExceedsModel/);
  await assert.rejects(registerDevice(api, charlie, state, { Compute: { gpuModel: 'H100', gpuCount: 1, gpuMemoryMib: 24576 } }, MODEL.rtx4090, key), /devices\.SpecExceedsModel/);
  await assert.rejects(registerDevice(api, charlie, state, { Compute: { gpuModel: 'RTX 4090', gpuCount: 0, gpuMemoryMib: 24576 } }, MODEL.rtx4090, key), /devices\.InvalidSpec/);

  // Within the model's maxima it registers, with the spec it declared.
  const { id } = await registerDevice(api, charlie, state, weather(60), MODEL.weatherxm, key);
  const stored = (await api.query.devices.devices(id)).unwrap();
  assert.equal(stored.spec.asSensing.samplesPerHour.toNumber(), 60);
  assert.equal(stored.hardwareModel.toNumber(), MODEL.weatherxm);
  const gpu = await registerDevice(api, charlie, state, { Compute: { gpuModel: 'RTX 4090', gpuCount: 8, gpuMemoryMib: 24576 } }, MODEL.rtx4090, sr25519DeviceKey());
  assert.equal((await api.query.devices.devices(gpu.id)).unwrap().spec.asCompute.gpuCount.toNumber(), 8);

  // Governance approves a model with its maximal spec; devices of it are held to that.
  const davis = (await api.query.devices.nextHardwareModelId()).toNumber();
  const approved = await asRoot(api, api.tx.devices.approveHardwareModel('Davis Vantage Pro2', { Sensing: { sensorKind: 'Weather', samplesPerHour: 240 } }));
  const ev = eventsOf(approved, 'devices', 'HardwareModelApproved')[0];
  assert.equal(ev.data.model.toNumber(), davis);
  assert.equal(ev.data.class.toString(), 'Sensing');
  await assert.rejects(registerDevice(api, charlie, state, weather(241), davis, sr25519DeviceKey()), /devices\.SpecExceedsModel/);
  await registerDevice(api, charlie, state, weather(240), davis, sr25519DeviceKey());
});

test('a verified epoch: a quorum of the pool\'s assigned verifiers confirms a report; others are refused', async () => {
  const { api } = node;
  const [alice, bob, charlie, dave, eve, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map(dev);

  // A state: Alice admin, Charlie steward, Bob citizen (the owner), Dave operator, and Eve whom
  // the state appoints verifier.
  const state = await registerState(api, 'Verified Valley', alice);
  await send(api.tx.utility.batchAll([
    api.tx.networkStates.grantRole(state, charlie.address, 'Steward'),
    api.tx.networkStates.grantRole(state, bob.address, 'Citizen'),
    api.tx.networkStates.grantRole(state, dave.address, 'Operator'),
    api.tx.networkStates.grantRole(state, eve.address, 'Verifier'),
  ]), alice);

  // Bob's 5 kW inverter, run by Dave.
  const key = sr25519DeviceKey();
  const { id: device } = await registerDevice(api, bob, state, { Energy: { ratedWatts: 5000 } }, MODEL.inverter, key);
  await send(api.tx.devices.activateDevice(device), charlie);
  await send(api.tx.devices.setOperator(device, dave.address), bob);
  // Dave's agent serves the probe protocol; verifiers read where from the device's record.
  await send(api.tx.devices.setProbeEndpoint(device, 'https://inverter.verified-valley.example:7700'), dave);
  const probed = (await api.query.devices.devices(device)).unwrap();
  assert.equal(Buffer.from(probed.probeEndpoint.toU8a(true)).toString(), 'https://inverter.verified-valley.example:7700');

  // Three fresh accounts, with no role anywhere, join the chain-wide pool with the least bond.
  const bond = api.consts.attestations.minVerifierBond.toBigInt();
  assert.equal(bond, 1_000n * ATH);
  const verifiers = Array.from({ length: 3 }, () => keyring.addFromMnemonic(mnemonicGenerate()));
  await send(api.tx.utility.batchAll(verifiers.map((v) => api.tx.balances.transferKeepAlive(v.address, bond + 100n * ATH))), alice);
  await assert.rejects(send(api.tx.attestations.bond(bond - 1n), verifiers[0]), /attestations\.BondTooSmall/);
  const bondedIn = (await api.call.depinAttestationsApi.currentEpoch()).toNumber();
  for (const v of verifiers) {
    const { events } = await send(api.tx.attestations.bond(bond), v);
    assert.equal(eventsOf(events, 'attestations', 'Bonded')[0].data.total.toBigInt(), bond);
    // It serves from the epoch after it bonded.
    assert.ok((await api.query.attestations.bonds(v.address)).unwrap().servesFrom.toNumber() > bondedIn);
  }

  // The next epoch: the pool of three serves, and (no more than five in the pool) each device
  // is assigned all of them.
  const epoch = await freshEpoch(api, alice);
  const metrics = { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 };
  await report(api, dave, epoch, device, metrics, key.signature(reportPayload(api, device, epoch, metrics)));
  const assigned = (await api.call.depinAttestationsApi.assignedVerifiers(epoch, device)).map((a) => a.toHex()).sort();
  assert.deepEqual(assigned, verifiers.map((v) => u8aToHex(v.publicKey)).sort());

  // Unverified, the report keeps half its uptime points only; its 80 Wh count for nothing.
  const unverified = await record(api, epoch, device);
  assert.equal(unverified.quorum.isTrue, false);
  assert.equal(unverified.reported.energyWh.toNumber(), 80);
  assert.equal(unverified.verified.uptimeSecs.toNumber(), 60);
  assert.equal(unverified.verified.energyWh.toNumber(), 0);

  // Two verifiers attest what they observed: no quorum yet (a quorum is three, a majority of the
  // five verifiers a device is assigned at most).
  const observed = [76, 78, 79].map((energyWh) => ({ uptimeSecs: 60, bandwidthBytes: 0, energyWh, computeUnits: 0, samples: 0 }));
  for (const i of [0, 1]) {
    const { events } = await send(api.tx.attestations.attest(epoch, [[device, observed[i]]]), verifiers[i]);
    assert.equal(eventsOf(events, 'attestations', 'ObservationsAccepted')[0].data.count.toNumber(), 1);
  }
  const two = await record(api, epoch, device);
  assert.equal(two.quorum.isTrue, false);
  assert.equal(two.verified.energyWh.toNumber(), 0);
  assert.equal(two.points.toBigInt(), unverified.points.toBigInt());

  // The third agrees (within 10 %): a quorum of three. What counts is the report capped by the
  // median observation, at full points.
  await send(api.tx.attestations.attest(epoch, [[device, observed[2]]]), verifiers[2]);
  const verified = await record(api, epoch, device);
  assert.equal(verified.quorum.isTrue, true);
  assert.equal(verified.verified.uptimeSecs.toNumber(), 60);
  assert.equal(verified.verified.energyWh.toNumber(), 78, 'the median of 76, 78 and 79');
  assert.equal(verified.reported.energyWh.toNumber(), 80);
  assert.ok(verified.points.toBigInt() > unverified.points.toBigInt(), `${verified.points} > ${unverified.points}`);
  const summary = await api.call.depinAttestationsApi.epochSummary(epoch);
  assert.equal(summary.classes[2].points.toBigInt(), verified.points.toBigInt());

  // Eve, whom the state appointed verifier, bonds now: she serves from the next epoch only.
  await send(api.tx.attestations.bond(bond), eve);
  await assert.rejects(send(api.tx.attestations.attest(epoch, [[device, observed[1]]]), eve), /attestations\.NotInPool/);

  // Bob, the device's owner, bonds too (the pool is then five, all assigned to every device);
  // serving, he still may not verify his own device.
  await send(api.tx.attestations.bond(bond), bob);
  const next = await freshEpoch(api, alice);
  const pool = (await api.call.depinAttestationsApi.assignedVerifiers(next, device)).map((a) => a.toHex());
  assert.equal(pool.length, 5);
  assert.ok(pool.includes(u8aToHex(bob.publicKey)) && pool.includes(u8aToHex(eve.publicKey)), 'Bob and Eve serve now');
  await assert.rejects(send(api.tx.attestations.attest(next, [[device, observed[1]]]), bob), /attestations\.BadObservation.*ConflictOfInterest/);
  // Eve serves now, and has no stake in the device: she may, once.
  const eveAttested = await send(api.tx.attestations.attest(next, [[device, observed[1]]]), eve);
  assert.equal(eventsOf(eveAttested.events, 'attestations', 'ObservationsAccepted').length, 1);
  await assert.rejects(send(api.tx.attestations.attest(next, [[device, observed[1]]]), eve), /attestations\.BadObservation.*Duplicate/);

  // Challenges: the device's own side may not challenge its report; anyone else may, with a bond
  // and the hash of the evidence.
  const evidence = blake2AsHex('probe transcripts of the inverter');
  await assert.rejects(send(api.tx.attestations.challenge(epoch, device, evidence), dave), /attestations\.CannotChallengeOwnDevice/);
  await assert.rejects(send(api.tx.attestations.challenge(epoch, device, evidence), bob), /attestations\.CannotChallengeOwnDevice/);
  await assert.rejects(send(api.tx.attestations.challenge(epoch, device, evidence), alice), /attestations\.CannotChallengeOwnDevice/);
  const challenged = await send(api.tx.attestations.challenge(epoch, device, evidence), ferdie);
  const opened = eventsOf(challenged.events, 'attestations', 'ChallengeOpened')[0];
  assert.ok(opened, 'ChallengeOpened');
  assert.equal(opened.data.device.toNumber(), device);
  assert.equal(opened.data.challenger.toString(), ferdie.address);
  assert.equal(opened.data.evidence.toHex(), evidence);
  // Several challengers may stand against one report (a first one keeps nobody out), each once.
  await assert.rejects(send(api.tx.attestations.challenge(epoch, device, evidence), ferdie), /attestations\.AlreadyChallenging/);
  const second = await send(api.tx.attestations.challenge(epoch, device, blake2AsHex('a second transcript')), eve);
  assert.equal(eventsOf(second.events, 'attestations', 'ChallengeOpened')[0].data.challenger.toString(), eve.address);
  const standing = (await api.query.attestations.challenges(epoch, device)).unwrap();
  assert.deepEqual(standing.map((c) => c.challenger.toString()), [ferdie.address, eve.address]);
  assert.equal((await api.call.depinAttestationsApi.epochSummary(epoch)).openChallenges.toNumber(), 1);

  // A verifier leaves the pool: it serves through the current epoch, and may not unbond yet.
  const left = await send(api.tx.attestations.leavePool(), verifiers[0]);
  assert.equal(eventsOf(left.events, 'attestations', 'LeftPool')[0].data.lastEpoch.toNumber(), (await api.call.depinAttestationsApi.currentEpoch()).toNumber());
  await assert.rejects(send(api.tx.attestations.unbond(), verifiers[0]), /attestations\.StillServing/);

  // Verifiers are paid: once the epoch is final (Ferdie's challenge counts as honest when its
  // resolution period ends) and its observations were judged, each of the three
  // within tolerance of the quorum holds one credit, and claims a third of the epoch's verifier
  // budget (10 % of the devices' emission at genesis).
  let judged;
  for (let i = 0; i < 120 && !judged; i++) {
    const s = await api.call.depinAttestationsApi.epochSummary(epoch);
    if (s.judged.isTrue) judged = s;
    else await send(api.tx.system.remark('0x00'), alice);
  }
  assert.ok(judged, `epoch ${epoch} was judged`);
  assert.equal(judged.credits.toNumber(), 3);
  const budget = (await api.call.depinRewardsApi.epochBudget(epoch)).unwrap();
  const verifierBudget = budget.verifiers.budget.toBigInt();
  assert.ok(verifierBudget > 0n, 'the epoch budgets verifiers');
  // Verifiers' tenth first, then the classes; rounding dust goes to the treasury.
  const classes = budget.classes.reduce((a, c) => a + c.budget.toBigInt(), 0n);
  assert.equal(budget.minted.depin.toBigInt(), verifierBudget + classes);
  assert.equal(verifierBudget, budget.requested.depin.toBigInt() / 10n);
  const owed = await api.call.depinRewardsApi.verifierRewards(verifiers[1].address);
  assert.deepEqual(owed.map(([e, a]) => [e.toNumber(), a.toBigInt()]), [[epoch, verifierBudget / 3n]]);
  const before = (await api.query.system.account(verifiers[1].address)).data.free.toBigInt();
  const claimed = await send(api.tx.rewards.claimVerifierRewards([epoch]), verifiers[1]);
  const paid = eventsOf(claimed.events, 'rewards', 'VerifierRewardPaid')[0];
  assert.ok(paid, 'VerifierRewardPaid');
  assert.equal(paid.data.credits.toNumber(), 1);
  assert.equal(paid.data.total.toNumber(), 3);
  assert.equal(paid.data.amount.toBigInt(), verifierBudget / 3n);
  const after = (await api.query.system.account(verifiers[1].address)).data.free.toBigInt();
  const fee = eventsOf(claimed.events, 'transactionPayment', 'TransactionFeePaid')[0].data.actualFee.toBigInt();
  assert.equal(after, before + verifierBudget / 3n - fee, 'the verifier was paid its share');
  // Once only.
  await assert.rejects(send(api.tx.rewards.claimVerifierRewards([epoch]), verifiers[1]), /rewards\.NothingToClaim/);
  // Bob, who observed nothing, has nothing to claim.
  await assert.rejects(send(api.tx.rewards.claimVerifierRewards([epoch]), bob), /rewards\.NothingToClaim/);
});

test('hardware keys: P-256 and secp256k1 device keys register and report; a <Bytes>-wrapped signature counts', async () => {
  const { api } = node;
  const [alice, ferdie] = ['//Alice', '//Ferdie'].map(dev);
  const state = await registerState(api, 'Secure Element Commons', alice);
  await send(api.tx.networkStates.grantRole(state, ferdie.address, 'Citizen'), alice);

  // A P-256 key, as an ATECC608, a TPM or a phone's secure enclave holds, proves possession.
  const p256 = ecdsaDeviceKey('P256');
  const a = await registerDevice(api, ferdie, state, { Energy: { ratedWatts: 5000 } }, MODEL.inverter, p256);
  const storedA = (await api.query.devices.devices(a.id)).unwrap();
  assert.equal(storedA.key.isP256, true);
  assert.equal(u8aToHex(storedA.key.asP256), u8aToHex(p256.publicKey));
  // A proof signed by another P-256 key is refused.
  const stranger = ecdsaDeviceKey('P256');
  const nonce = (await api.query.devices.registrationNonce(ferdie.address)).toNumber();
  const otherKey = ecdsaDeviceKey('P256');
  await assert.rejects(
    send(api.tx.devices.registerDevice(state, { Energy: { ratedWatts: 5000 } }, MODEL.inverter, BERLIN, '', otherKey.deviceKey, stranger.signature(possessionPayload(api, ferdie.address, otherKey.deviceKey, nonce)), null), ferdie),
    /devices\.BadPossessionProof/,
  );

  // A secp256k1 key likewise.
  const k1 = ecdsaDeviceKey('Secp256k1');
  const b = await registerDevice(api, ferdie, state, { Connectivity: { linkCapacityKbps: 100000 } }, MODEL.dawn, k1);
  const storedB = (await api.query.devices.devices(b.id)).unwrap();
  assert.equal(storedB.key.isSecp256k1, true);
  assert.equal(u8aToHex(storedB.key.asSecp256k1), u8aToHex(k1.publicKey));

  // An sr25519 key whose reports the operator signs with the polkadot{.js} extension.
  const sr = sr25519DeviceKey();
  const c = await registerDevice(api, ferdie, state, { Sensing: { sensorKind: 'AirQuality', samplesPerHour: 30 } }, MODEL.purpleair, sr);
  await send(api.tx.utility.batchAll([a.id, b.id, c.id].map((id) => api.tx.devices.activateDevice(id))), alice);

  const epoch = await freshEpoch(api, alice);
  const energy = { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 };
  const bandwidth = { uptimeSecs: 60, bandwidthBytes: 500_000_000, energyWh: 0, computeUnits: 0, samples: 0 };
  const samples = { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 0, computeUnits: 0, samples: 1 };

  // A report signed by another key, or by the right key under another scheme's name, is refused.
  await assert.rejects(report(api, ferdie, epoch, a.id, energy, stranger.signature(reportPayload(api, a.id, epoch, energy))), /attestations\.BadReport.*BadSignature/);
  await assert.rejects(report(api, ferdie, epoch, a.id, energy, { Secp256k1: p256.sign(reportPayload(api, a.id, epoch, energy)) }), /attestations\.BadReport.*BadSignature/);

  // Each device's own signature of its report (ECDSA over SHA-256, r ‖ s) is accepted.
  for (const [device, key, metrics] of [[a.id, p256, energy], [b.id, k1, bandwidth]]) {
    const { events } = await report(api, ferdie, epoch, device, metrics, key.signature(reportPayload(api, device, epoch, metrics)));
    assert.equal(eventsOf(events, 'attestations', 'ReportsAccepted')[0].data.count.toNumber(), 1, `${key.scheme} report`);
    assert.equal((await record(api, epoch, device)).reported.uptimeSecs.toNumber(), 60);
  }

  // The extension signs `<Bytes>` + message + `</Bytes>`: that signature is accepted as well.
  const wrapped = await report(api, ferdie, epoch, c.id, samples, { Sr25519: sr.pair.sign(wrapBytes(reportPayload(api, c.id, epoch, samples))) });
  assert.equal(eventsOf(wrapped.events, 'attestations', 'ReportsAccepted')[0].data.count.toNumber(), 1);
  assert.equal((await record(api, epoch, c.id)).reported.samples.toNumber(), 1);
});

test('maker certificates: a certified device is maker-attested; governance may require it of a class', async () => {
  const { api } = node;
  const [alice, dave] = ['//Alice', '//Dave'].map(dev);
  const state = await registerState(api, 'Certified Commons', alice);
  await send(api.tx.networkStates.grantRole(state, dave.address, 'Citizen'), alice);

  // Governance registers a maker's root key.
  const makerKey = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const maker = (await api.query.devices.nextMakerId()).toNumber();
  const registered = await asRoot(api, api.tx.devices.registerMaker('Atlas Inverter Works', { Sr25519: makerKey.publicKey }));
  assert.equal(eventsOf(registered, 'devices', 'MakerRegistered')[0].data.maker.toNumber(), maker);
  assert.equal(u8aToHex((await api.query.devices.makers(maker)).unwrap().key.asSr25519), u8aToHex(makerKey.publicKey));

  // At the factory the maker's key certifies the device key for its model and serial.
  const key = sr25519DeviceKey();
  const serialBytes = stringToU8a('INV-0001');
  // The certificate's serial as polkadot.js takes `Bytes`: hex (a Uint8Array would be read as
  // SCALE-encoded, length first).
  const serial = u8aToHex(serialBytes);
  const certify = (signer, model, s) => ({ Sr25519: signer.sign(makerCertificatePayload(key.deviceKey, model, s)) });
  const spec = { Energy: { ratedWatts: 5000 } };

  // A certificate for another serial, for another model, or signed by anyone but the maker is
  // refused.
  for (const signature of [certify(makerKey, MODEL.inverter, stringToU8a('INV-0002')), certify(makerKey, MODEL.weatherxm, serialBytes), certify(key.pair, MODEL.inverter, serialBytes)]) {
    await assert.rejects(registerDevice(api, dave, state, spec, MODEL.inverter, key, { maker, serial, signature }), /devices\.BadMakerCertificate/);
  }
  await assert.rejects(registerDevice(api, dave, state, spec, MODEL.inverter, key, { maker: maker + 1, serial, signature: certify(makerKey, MODEL.inverter, serialBytes) }), /devices\.MakerNotFound/);

  // The true certificate: the device is maker-attested.
  const certified = await registerDevice(api, dave, state, spec, MODEL.inverter, key, { maker, serial, signature: certify(makerKey, MODEL.inverter, serialBytes) });
  assert.equal(eventsOf(certified.events, 'devices', 'DeviceRegistered')[0].data.makerAttested.isTrue, true);
  const stored = (await api.query.devices.devices(certified.id)).unwrap();
  assert.equal(stored.maker.unwrap().toNumber(), maker);

  // An inverter without a certificate registers too, not maker-attested.
  const plainKey = sr25519DeviceKey();
  const plain = await registerDevice(api, dave, state, spec, MODEL.inverter, plainKey);
  assert.equal(eventsOf(plain.events, 'devices', 'DeviceRegistered')[0].data.makerAttested.isTrue, false);
  assert.equal((await api.query.devices.devices(plain.id)).unwrap().maker.isNone, true);
  await send(api.tx.utility.batchAll([certified.id, plain.id].map((id) => api.tx.devices.activateDevice(id))), alice);

  // Governance requires maker certificates of energy devices: the uncertified inverter's report
  // is refused, the certified one's accepted.
  const required = await asRoot(api, api.tx.attestations.setMakerRequirement('Energy', true));
  assert.equal(eventsOf(required, 'attestations', 'MakerRequirementSet')[0].data.required.isTrue, true);
  try {
    const epoch = await freshEpoch(api, alice);
    const metrics = { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 80, computeUnits: 0, samples: 0 };
    await assert.rejects(
      report(api, dave, epoch, plain.id, metrics, plainKey.signature(reportPayload(api, plain.id, epoch, metrics))),
      /attestations\.BadReport.*NotMakerAttested/,
    );
    const { events } = await report(api, dave, epoch, certified.id, metrics, key.signature(reportPayload(api, certified.id, epoch, metrics)));
    assert.equal(eventsOf(events, 'attestations', 'ReportsAccepted')[0].data.count.toNumber(), 1);
  } finally {
    await asRoot(api, api.tx.attestations.setMakerRequirement('Energy', false));
  }
});

test('the verifiers\' beacon: a verifier commits to a hash onion and reveals down it, through its proxy, each epoch', async () => {
  const { api } = node;
  const alice = dev('//Alice');
  const bond = api.consts.attestations.minVerifierBond.toBigInt();
  const [verifier, daemon] = Array.from({ length: 2 }, () => keyring.addFromMnemonic(mnemonicGenerate()));
  await send(api.tx.utility.batchAll([verifier, daemon].map((v) => api.tx.balances.transferKeepAlive(v.address, bond + 100n * ATH))), alice);
  await send(api.tx.attestations.bond(bond), verifier);
  // The verifier daemon holds a Verifier proxy, never the bonded account's key.
  await send(api.tx.proxy.addProxy(daemon.address, 'Verifier', 0), verifier);
  const viaProxy = (call) => send(api.tx.proxy.proxy(verifier.address, null, call), daemon);
  const outcome = (events) => eventsOf(events, 'proxy', 'ProxyExecuted')[0].data.result;

  // It serves from the next epoch: then it commits.
  await freshEpoch(api, alice);
  // A hash onion: values[i] = blake2(values[i + 1]); it commits to values[0].
  const values = [blake2AsHex(`secret of ${verifier.address}`)];
  for (let i = 0; i < 3; i++) values.unshift(blake2AsHex(values[0]));
  const committed = await viaProxy(api.tx.attestations.commitBeacon(values[0]));
  assert.ok(outcome(committed.events).isOk, 'a Verifier proxy may commit');
  const commitment = (await api.query.attestations.beacons(verifier.address)).unwrap();
  assert.equal(commitment.commitment.toHex(), values[0]);
  // Not in the epoch it committed in.
  const tooSoon = await viaProxy(api.tx.attestations.revealBeacon(values[1]));
  assert.equal(api.registry.findMetaError(outcome(tooSoon.events).asErr.asModule).name, 'BeaconTooRecent');

  for (const i of [1, 2]) {
    const epoch = await freshEpoch(api, alice);
    // Only the preimage of the commitment opens it: not a value further down the onion.
    const wrong = await viaProxy(api.tx.attestations.revealBeacon(values[i + 1]));
    assert.equal(api.registry.findMetaError(outcome(wrong.events).asErr.asModule).name, 'BeaconMismatch');
    const mixBefore = (await api.query.attestations.beaconMix()).toU8a();
    const { events } = await viaProxy(api.tx.attestations.revealBeacon(values[i]));
    const revealed = eventsOf(events, 'attestations', 'BeaconRevealed')[0];
    assert.ok(revealed, 'BeaconRevealed');
    assert.equal(revealed.data.epoch.toNumber(), epoch);
    assert.equal(revealed.data.missed.toNumber(), 0);
    // The value is XORed into the mix that seeds the next epoch's draw.
    const mixAfter = (await api.query.attestations.beaconMix()).toU8a();
    const value = Buffer.from(values[i].slice(2), 'hex');
    assert.deepEqual([...mixAfter], [...mixBefore].map((b, j) => b ^ value[j]));
    const again = await viaProxy(api.tx.attestations.revealBeacon(values[i + 1]));
    assert.equal(api.registry.findMetaError(outcome(again.events).asErr.asModule).name, 'AlreadyRevealed');
  }
  // The next epoch's seed is blake2("atlas:beacon-seed:", the chain of block hashes at this
  // epoch's start, this epoch's mix): the reveal is in it, and no block author chose it.
  const accumulator = (await api.query.attestations.epochStartAccumulator()).toU8a();
  const mix = (await api.query.attestations.beaconMix()).toU8a();
  assert.deepEqual([...mix], [...Buffer.from(values[2].slice(2), 'hex')], 'only this verifier revealed');
  const next = await freshEpoch(api, alice);
  const expected = blake2AsHex(new Uint8Array([...stringToU8a('atlas:beacon-seed:'), ...accumulator, ...mix]));
  assert.equal((await api.query.attestations.epochDraws(next)).unwrap().seed.toHex(), expected);
  assert.ok((await api.query.attestations.beaconMix()).isEmpty, 'the mix restarts each epoch');
  // Nobody missed a reveal: the bond is whole.
  assert.equal((await api.query.attestations.bonds(verifier.address)).unwrap().amount.toBigInt(), bond);
});
