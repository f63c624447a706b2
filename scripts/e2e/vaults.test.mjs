// End-to-end: vaults through the real node. A state creates a vault, two accounts deposit, the
// holders vote a device in, it routes half its rewards into the vault for an epoch (its report
// confirmed by a quorum of the verifier pool: unverified output earns nothing), the vault's NAV
// rises (before the reward is even paid), a holder redeems for more than they put in, a
// spending proposal passes and pays out, and the state invests from its community pool by its
// citizens' vote. Someone depositing just before the reward is paid and redeeming right after
// gains nothing. A second vault buys a device: the price waits in escrow until the vendor
// delivers the device into the vault's custody and a steward activates it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, encodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';
import { startDevNode, submitAndWaitFinalized } from './lib/node.mjs';
import { stringToU8a, u8aConcat } from '@polkadot/util';
import { attestAll, freshEpoch, possessionPayload, registerState, reportPayload, verifierPool } from './lib/depin.mjs';

const ATH = 1_000_000_000_000n;
const BERLIN = 0x891f1d48947ffffn;
const PERCENT = 10_000_000; // Perbill parts per percent
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

/** The community pool of `state`: the rewards pallet's sub-account `(b"pool", state)`. */
function communityPool(state) {
  const id = new Uint8Array(32);
  const le = new Uint8Array(4);
  new DataView(le.buffer).setUint32(0, state, true);
  id.set(u8aConcat(stringToU8a('modl'), stringToU8a('atl/rwds'), stringToU8a('pool'), le));
  return encodeAddress(id, 2432);
}

const eventsOf = (events, section, method) =>
  events.map(({ event }) => event).filter((e) => e.section === section && e.method === method);

async function blockEvents(api, blockHash) {
  return (await (await api.at(blockHash)).query.system.events()).map(({ event }) => event);
}

async function shares(api, asset, who) {
  const account = await api.query.assets.account(asset, who);
  return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
}

test('a vault pools a device reward stream: deposits, NAV, redemption, a passed spend', async () => {
  const { api } = node;
  const [alice, bob, charlie, dave, eve, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);
  const sealTo = async (n) => {
    while ((await api.rpc.chain.getHeader()).number.toNumber() < n) await send(api.tx.system.remark('0x00'), alice);
  };

  // A network state (Alice admin) creates a vault with a 1 ATH seed.
  const state = (await api.query.networkStates.nextStateId()).toNumber();
  await registerState(api, 'Solar Commons', alice);
  const params = { minDeposit: ATH, redeemAfter: 0, votingPeriod: 10, quorum: 20 * PERCENT, threshold: 50 * PERCENT, sponsorVeto: true };
  await assert.rejects(send(api.tx.vaults.createVault(state, 'Solar Fund', params, ATH), bob), /vaults\.NotStateAdmin/);
  const created = eventsOf((await send(api.tx.vaults.createVault(state, 'Solar Fund', params, ATH), alice)).events, 'vaults', 'VaultCreated')[0];
  assert.ok(created, 'VaultCreated');
  const vault = created.data.vault.toNumber();
  const asset = created.data.shareAsset.toNumber();
  const meta = await api.query.assets.metadata(asset);
  assert.equal(meta.name.toUtf8(), 'Solar Fund');

  // Bob and Charlie deposit: at the start one share per ATH.
  const bobIn = 100n * ATH;
  const charlieIn = 50n * ATH;
  await assert.rejects(send(api.tx.vaults.deposit(vault, ATH / 2n), bob), /vaults\.DepositTooSmall/);
  const dep = eventsOf((await send(api.tx.vaults.deposit(vault, bobIn), bob)).events, 'vaults', 'Deposited')[0];
  assert.equal(dep.data.shares.toBigInt(), bobIn);
  await send(api.tx.vaults.deposit(vault, charlieIn), charlie);
  assert.equal(await shares(api, asset, bob.address), bobIn);
  assert.equal(await shares(api, asset, charlie.address), charlieIn);
  let view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.equal(view.shareSupply.toBigInt(), ATH + bobIn + charlieIn);
  assert.equal(view.nav.toBigInt(), ATH + bobIn + charlieIn);
  assert.deepEqual(view.sponsors.map((s) => s.toNumber()), [state]);
  const navBefore = view.nav.toBigInt();

  // Dave, a citizen, runs a 5 kW inverter that routes half its rewards to the vault (once the
  // holders admit it) and stakes the other half.
  await send(api.tx.networkStates.grantRole(state, dave.address, 'Citizen'), alice);
  const key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const nonce = (await api.query.devices.registrationNonce(dave.address)).toNumber();
  const device = (await api.query.devices.nextDeviceId()).toNumber();
  await send(api.tx.devices.registerDevice(state, { Energy: { ratedWatts: 5000 } }, 4, BERLIN, '', { Sr25519: key.publicKey }, { Sr25519: key.sign(possessionPayload(api, dave.address, key.publicKey, nonce)) }, null), dave);
  await send(api.tx.devices.activateDevice(device), alice);
  await assert.rejects(
    send(api.tx.devices.setRewardRoute(device, [{ beneficiary: 'Owner', share: 50 * PERCENT }, { beneficiary: { Vault: vault + 1 }, share: 50 * PERCENT }]), dave),
    /devices\.UnknownVault/,
  );
  // A vault takes rewards only from devices its holders voted in (no one fills its books with
  // dust legs): Dave's route is refused until Bob's proposal to admit the device passes.
  // Dave stakes his half: governance stake is what votes in his state's community pool.
  const route = [{ beneficiary: 'Stake', share: 50 * PERCENT }, { beneficiary: { Vault: vault }, share: 50 * PERCENT }];
  await assert.rejects(send(api.tx.devices.setRewardRoute(device, route), dave), /devices\.VaultRefusesDevice/);
  const admit = eventsOf((await send(api.tx.vaults.propose(vault, { AttachDevice: device }), bob)).events, 'vaults', 'Proposed')[0].data;
  await send(api.tx.vaults.vote(vault, admit.proposal, true, bobIn), bob);
  // Passed at the vote's end, it executes one voting period later.
  const admitMade = (await api.call.depinVaultsApi.vault(vault)).unwrap().proposals[0][1].created.toNumber();
  await sealTo(admit.ends.toNumber() + (admit.ends.toNumber() - admitMade) - 1);
  const attached = await send(api.tx.vaults.close(vault, admit.proposal), ferdie);
  assert.equal(eventsOf(attached.events, 'vaults', 'DeviceAttached')[0]?.data.device.toNumber(), device);
  await send(api.tx.devices.setRewardRoute(device, route), dave);

  // Three verifiers join the pool (serving from the next epoch); the device reports a full
  // fresh epoch and they confirm it.
  const verifiers = await verifierPool(api, alice);
  const epoch = await freshEpoch(api, alice);
  // 70 Wh: 1 + 70 points, +10 % bonus = 78, even, so the vault's half of the points is exact
  // (the vault's unpaid yield rounds its points up, which with few points shows).
  const metrics = { uptimeSecs: 60, bandwidthBytes: 0, energyWh: 70, computeUnits: 0, samples: 0 };
  await send(api.tx.attestations.submitReports(epoch, [{ device, metrics, signature: { Sr25519: key.sign(reportPayload(api, device, epoch, metrics)) } }]), dave);
  await attestAll(api, verifiers, epoch, [[device, metrics]]);
  assert.equal((await api.call.depinAttestationsApi.deviceRecord(epoch, device)).unwrap().quorum.isTrue, true);

  // The NAV sandwich: the device reported first in the running epoch, so its class total is
  // its own points and the vault's yield is estimated at half the latest energy budget. Dave
  // holds no shares, but a holder redeeming now would be paid on what is certain only: the
  // estimate is in the deposit price, not in what a share redeems for.
  view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.equal(view.certainYield.toBigInt(), 0n);
  assert.equal(view.redemptionNav.toBigInt(), navBefore);
  assert.ok(view.nav.toBigInt() > navBefore, 'the running epoch is estimated in the deposit price');
  assert.equal((await api.call.depinVaultsApi.shareValue(vault, bobIn)).unwrap().toBigInt(), bobIn);

  // Seal blocks until the epoch is funded and payable. Once funded, the vault's share of it is
  // in its NAV although nothing was paid yet.
  let funded;
  let pending;
  for (let i = 0; i < 60; i++) {
    const { blockHash } = await send(api.tx.system.remark('0x00'), alice);
    funded ??= (await blockEvents(api, blockHash)).find((e) => e.section === 'rewards' && e.method === 'EpochFunded' && e.data.epoch.toNumber() === epoch);
    pending = await api.call.depinRewardsApi.pendingRewards(device);
    if (pending.claimable.toBigInt() > 0n) break;
  }
  assert.ok(funded, `epoch ${epoch} was not funded`);
  const reward = pending.claimable.toBigInt();
  assert.ok(reward > 0n, 'the reward became claimable');
  view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  const unpaid = view.unpaidYield.toBigInt();
  // Payable means final: all of it is certain now.
  assert.equal(view.certainYield.toBigInt(), unpaid);
  assert.equal(view.redemptionNav.toBigInt(), view.nav.toBigInt());
  // Valued rounding up, so it never falls short of what settlement pays.
  assert.ok(unpaid >= reward / 2n && unpaid - reward / 2n <= 2n, `unpaid ${unpaid} vs half of ${reward}`);
  assert.equal(view.liquid.toBigInt(), navBefore);
  const navEarned = view.nav.toBigInt();
  assert.ok(navEarned > navBefore, 'NAV rose with the earned reward');

  // Eve deposits just before the reward is paid, hoping to catch part of it.
  const eveIn = 20n * ATH;
  const eveShares = eventsOf((await send(api.tx.vaults.deposit(vault, eveIn), eve)).events, 'vaults', 'Deposited')[0].data.shares.toBigInt();
  assert.ok(eveShares < eveIn, 'shares cost more than one ATH once the vault has earned');

  // Anyone may claim a device that pays a vault: Ferdie does. The vault receives its half and
  // its NAV does not move (the yield was already priced in).
  const claim = await send(api.tx.rewards.claim([device]), ferdie);
  const received = eventsOf(claim.events, 'vaults', 'YieldReceived')[0];
  assert.ok(received, 'YieldReceived');
  const toVault = received.data.amount.toBigInt();
  assert.ok(toVault >= reward / 2n - 1n && toVault <= reward / 2n + 1n);
  view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.equal(view.unpaidYield.toBigInt(), 0n);
  assert.equal(view.liquid.toBigInt(), navBefore + eveIn + toVault);
  assert.ok(navEarned + eveIn - view.nav.toBigInt() <= 2n, 'settling does not move NAV beyond rounding');

  // Eve redeems at once: she gets back what she put in, less rounding, and nothing of the
  // reward earned before she joined.
  const eveOut = eventsOf((await send(api.tx.vaults.redeem(vault, eveShares), eve)).events, 'vaults', 'Redeemed')[0].data.amount.toBigInt();
  assert.ok(eveOut <= eveIn && eveIn - eveOut <= 2n, `Eve put in ${eveIn}, took out ${eveOut}`);

  // Bob redeems all his shares for more ATH than he put in.
  const value = (await api.call.depinVaultsApi.shareValue(vault, bobIn)).unwrap().toBigInt();
  const redeemed = eventsOf((await send(api.tx.vaults.redeem(vault, bobIn), bob)).events, 'vaults', 'Redeemed')[0];
  assert.equal(redeemed.data.amount.toBigInt(), value);
  assert.ok(value > bobIn, `redeemed ${value} for ${bobIn} deposited`);
  assert.equal(await shares(api, asset, bob.address), 0n);
  await assert.rejects(send(api.tx.vaults.redeem(vault, 1n), bob), /vaults\.InsufficientShares/);

  // Charlie proposes funding Eve's community project and votes for it with his shares.
  const grant = 5n * ATH;
  const proposed = eventsOf((await send(api.tx.vaults.propose(vault, { FundProject: { to: eve.address, amount: grant } }), charlie)).events, 'vaults', 'Proposed')[0];
  const proposal = proposed.data.proposal.toNumber();
  await assert.rejects(send(api.tx.vaults.propose(vault, { FundProject: { to: eve.address, amount: grant } }), bob), /vaults\.NotShareholder/);
  await send(api.tx.vaults.vote(vault, proposal, true, charlieIn), charlie);
  await assert.rejects(send(api.tx.vaults.vote(vault, proposal, true, charlieIn), charlie), /vaults\.AlreadyVoted/);
  view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.equal(view.proposals.length, 1);
  assert.equal(view.proposals[0][1].ayes.toBigInt(), charlieIn);
  await assert.rejects(send(api.tx.vaults.close(vault, proposal), charlie), /vaults\.VotingOpen/);

  // The vote runs ten blocks. It passed, but executes only ten blocks later, so holders who
  // disagree can redeem first; then anyone closes it and the vault pays Eve.
  const ends = proposed.data.ends.toNumber();
  await sealTo(ends);
  await assert.rejects(send(api.tx.vaults.close(vault, proposal), ferdie), /vaults\.EnactmentPending/);
  const madeAt = (await api.call.depinVaultsApi.vault(vault)).unwrap().proposals[0][1].created.toNumber();
  // The close lands in the next block: the first it may execute in.
  await sealTo(ends + (ends - madeAt) - 1);
  const eveBefore = (await api.query.system.account(eve.address)).data.free.toBigInt();
  const closed = await send(api.tx.vaults.close(vault, proposal), ferdie);
  const outcome = eventsOf(closed.events, 'vaults', 'Closed')[0];
  assert.equal(outcome.data.outcome.toString(), 'Executed');
  const spent = eventsOf(closed.events, 'vaults', 'Spent')[0];
  assert.equal(spent.data.amount.toBigInt(), grant);
  const eveAfter = (await api.query.system.account(eve.address)).data.free.toBigInt();
  assert.equal(eveAfter - eveBefore, grant);
  view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.equal(view.proposals.length, 0);

  // The state invests as a state: its community pool deposits into the vault by a vote of its
  // citizens (Dave's stake, earned by his device), and the vault records its commitment.
  const pool = communityPool(state);
  await send(api.tx.balances.transferKeepAlive(pool, 5n * ATH), alice);
  const invest = 2n * ATH;
  await assert.rejects(send(api.tx.communityPools.proposeInvestment(state, { Invest: { vault, amount: invest } }), dave), /communityPools\.NotAdminOrSteward/);
  const poolProposal = eventsOf((await send(api.tx.communityPools.proposeInvestment(state, { Invest: { vault, amount: invest } }), alice)).events, 'communityPools', 'InvestmentProposed')[0].data;
  await send(api.tx.communityPools.vote(poolProposal.proposal, true), dave);
  await sealTo(poolProposal.ends.toNumber() - 1);
  const invested = await send(api.tx.communityPools.close(poolProposal.proposal), ferdie);
  assert.ok(eventsOf(invested.events, 'communityPools', 'InvestmentExecuted')[0], 'InvestmentExecuted');
  const poolDeposit = eventsOf(invested.events, 'vaults', 'Deposited')[0].data;
  assert.equal(poolDeposit.who.toString(), pool);
  assert.equal(poolDeposit.amount.toBigInt(), invest);
  assert.ok(await shares(api, asset, pool) > 0n, 'the pool holds the state\'s shares');
  view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.deepEqual(view.commitments.map(([s, a]) => [s.toNumber(), a.toBigInt()]), [[state, invest]]);
});

test('a vault buys a device in escrow, pays the vendor on activation and owns the device', async () => {
  const { api } = node;
  const [alice, bob, eve, ferdie] = ['//Alice', '//Bob', '//Eve', '//Ferdie'].map((u) => keyring.addFromUri(u));
  const send = (tx, who) => submitAndWaitFinalized(tx, who);
  const sealTo = async (n) => {
    while ((await api.rpc.chain.getHeader()).number.toNumber() < n) await send(api.tx.system.remark('0x00'), alice);
  };
  const state = (await api.query.networkStates.nextStateId()).toNumber();
  await registerState(api, 'Grid Commons', alice);
  const params = { minDeposit: ATH, redeemAfter: 0, votingPeriod: 10, quorum: 20 * PERCENT, threshold: 50 * PERCENT, sponsorVeto: false };
  const created = eventsOf((await send(api.tx.vaults.createVault(state, 'Grid Fund', params, ATH), alice)).events, 'vaults', 'VaultCreated')[0].data;
  const vault = created.vault.toNumber();
  const account = created.account.toString();
  await send(api.tx.vaults.deposit(vault, 100n * ATH), bob);

  // Eve, a citizen, sells a 5 kW inverter she registers (a steward activates it later).
  await send(api.tx.networkStates.grantRole(state, eve.address, 'Citizen'), alice);
  const key = new Keyring({ type: 'sr25519' }).addFromMnemonic(mnemonicGenerate());
  const nonce = (await api.query.devices.registrationNonce(eve.address)).toNumber();
  const device = (await api.query.devices.nextDeviceId()).toNumber();
  await send(api.tx.devices.registerDevice(state, { Energy: { ratedWatts: 5000 } }, 4, BERLIN, '', { Sr25519: key.publicKey }, { Sr25519: key.sign(possessionPayload(api, eve.address, key.publicKey, nonce)) }, null), eve);

  // The holders buy it: the price goes into escrow, still in the deposit price, no longer in
  // what shares redeem for.
  const price = 10n * ATH;
  const before = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  const deliverBy = (await api.rpc.chain.getHeader()).number.toNumber() + 200;
  const buy = eventsOf((await send(api.tx.vaults.propose(vault, { Reinvest: { vendor: eve.address, amount: price, devices: 1, deliverBy } }), bob)).events, 'vaults', 'Proposed')[0].data;
  await send(api.tx.vaults.vote(vault, buy.proposal, true, 100n * ATH), bob);
  const made = (await api.call.depinVaultsApi.vault(vault)).unwrap().proposals[0][1].created.toNumber();
  await sealTo(buy.ends.toNumber() + (buy.ends.toNumber() - made) - 1);
  const opened = eventsOf((await send(api.tx.vaults.close(vault, buy.proposal), ferdie)).events, 'vaults', 'PurchaseOpened')[0].data;
  const purchase = opened.purchase.toNumber();
  assert.equal(opened.amount.toBigInt(), price);
  let view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.equal(view.escrowed.toBigInt(), price);
  assert.equal(view.nav.toBigInt(), before.nav.toBigInt());
  assert.equal(view.redemptionNav.toBigInt(), before.redemptionNav.toBigInt() - price);
  assert.equal(view.purchases.length, 1);

  // Only the vendor delivers; the device becomes the vault's, routed wholly to it.
  await assert.rejects(send(api.tx.vaults.deliver(vault, purchase, device), bob), /vaults\.NotVendor/);
  const delivered = await send(api.tx.vaults.deliver(vault, purchase, device), eve);
  assert.ok(eventsOf(delivered.events, 'vaults', 'DeviceDelivered')[0], 'DeviceDelivered');
  const record = (await api.query.devices.devices(device)).unwrap();
  assert.equal(record.owner.toString(), account);
  assert.equal(record.vault.unwrap().vault.toNumber(), vault);
  const routeNow = (await api.query.devices.rewardRoutes(device)).unwrap();
  assert.deepEqual(routeNow.map((l) => l.beneficiary.toJSON()), [{ vault }]);
  // Eve no longer owns it: she cannot move its rewards.
  await assert.rejects(send(api.tx.devices.setRewardRoute(device, [{ beneficiary: 'Owner', share: 100 * PERCENT }]), eve), /devices\.NotOwner/);
  view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.deepEqual(view.devices.map((d) => d.toNumber()), [device]);
  assert.deepEqual(view.purchases[0].delivered.map((d) => d.toNumber()), [device]);

  // Not active: the escrow waits. A steward of its state activates it; anyone releases.
  await assert.rejects(send(api.tx.vaults.release(vault, purchase, device), ferdie), /vaults\.DeviceNotActive/);
  await send(api.tx.devices.activateDevice(device), alice);
  const eveBefore = (await api.query.system.account(eve.address)).data.free.toBigInt();
  const released = await send(api.tx.vaults.release(vault, purchase, device), ferdie);
  const paid = eventsOf(released.events, 'vaults', 'VendorPaid')[0].data;
  assert.equal(paid.amount.toBigInt(), price);
  assert.ok(eventsOf(released.events, 'vaults', 'PurchaseClosed')[0], 'PurchaseClosed');
  const eveAfter = (await api.query.system.account(eve.address)).data.free.toBigInt();
  assert.equal(eveAfter - eveBefore, price);
  view = (await api.call.depinVaultsApi.vault(vault)).unwrap();
  assert.equal(view.escrowed.toBigInt(), 0n);
  assert.equal(view.purchases.length, 0);
});
