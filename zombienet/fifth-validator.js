// testnet.zndsl: `eve: js-script ./fifth-validator.js return is 1 within 720 seconds`
//
// A fifth network state brings its validator into the active set:
// 1. Eve applies for the state "Eridanus" with herself as admin (the admin holds every role of
//    her state, Validator included), posting the admission bond; Alice, Bob and Charlie, three
//    of the four founding states' admins, admit it by a council motion (a two-thirds
//    super-majority) and Eve concludes its probation (one block on the testnet);
// 2. bonds 100,000 ATH, sets her session keys (the //Eve keys zombienet put in the eve node's
//    keystore: Aura sr25519, GRANDPA ed25519, with their proof of possession) and declares her
//    intent with stateSeats.validate;
// 3. Ferdie, whom no state appointed, gets stateSeats.NotAppointed for the same call;
// 4. at an era change Eve is elected: she appears in session.validators() and then authors a
//    block.
// Returns 1 on success; throws (failing the zndsl line) with the reason otherwise.
const { Keyring } = require('@polkadot/keyring');
const { cryptoWaitReady } = require('@polkadot/util-crypto');
const { u8aConcat, u8aToHex, stringToU8a } = require('@polkadot/util');
const { connectTo, submit, submitOk, waitFor, auraAuthor } = require('./helpers');

const SS58 = 2432;
const ATH = 10n ** 12n;
const BOND = 100_000n * ATH;
const STATE_NAME = 'Eridanus';
// How long to wait for the election (an era is 2 minutes) and then for Eve's first block.
const ELECTION_TIMEOUT_MS = 8 * 60_000;
const AUTHOR_TIMEOUT_MS = 2 * 60_000;

async function run(nodeName, networkInfo) {
  await cryptoWaitReady();
  const sr = new Keyring({ type: 'sr25519', ss58Format: SS58 });
  const ed = new Keyring({ type: 'ed25519', ss58Format: SS58 });
  const eve = sr.addFromUri('//Eve');
  const eveGrandpa = ed.addFromUri('//Eve');
  const ferdie = sr.addFromUri('//Ferdie');
  const eveHex = u8aToHex(eve.publicKey);

  const api = await connectTo(networkInfo, nodeName);
  try {
    const log = async (msg) => {
      const [era, session, best] = await Promise.all([
        api.query.staking.currentEra(),
        api.query.session.currentIndex(),
        api.rpc.chain.getHeader(),
      ]);
      console.log(`[#${best.number.toNumber()} era ${era.toString()} session ${session.toString()}] ${msg}`);
    };

    const before = (await api.query.session.validators()).map((v) => v.toHex());
    if (before.includes(eveHex)) throw new Error('Eve is a session validator before the test made her one');
    await log(`session validators: ${before.length}`);

    // 1. Register the fifth state, administered by Eve.
    const reg = await submitOk(api, api.tx.networkStates.registerState(STATE_NAME, '', eve.address), eve);
    const registered = reg.events.find(({ event }) => api.events.networkStates.StateRegistered.is(event));
    if (!registered) throw new Error('no networkStates.StateRegistered event');
    const state = registered.event.data.state.toNumber();
    await log(`Eve applied for state ${state} (${STATE_NAME})`);

    // Admission: a council motion of three of the four seated states, then the probation.
    const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => sr.addFromUri(u));
    const admit = api.tx.networkStates.admitState(state);
    const len = admit.method.encodedLength;
    const proposed = await submitOk(api, api.tx.council.propose(3, admit, len), alice);
    const motion = proposed.events.find(({ event }) => api.events.council.Proposed.is(event));
    if (!motion) throw new Error('no council.Proposed event for the admission');
    const { proposalIndex, proposalHash } = motion.event.data;
    for (const who of [alice, bob, charlie]) {
      await submitOk(api, api.tx.council.vote(proposalHash, proposalIndex, true), who);
    }
    const closed = await submitOk(
      api,
      api.tx.council.close(proposalHash, proposalIndex, { refTime: 1_000_000_000_000n, proofSize: 1_000_000n }, len),
      alice,
    );
    if (!closed.events.some(({ event }) => api.events.networkStates.StateAdmitted.is(event))) {
      throw new Error('the council motion did not admit the state');
    }
    await submitOk(api, api.tx.networkStates.concludeProbation(state), eve);
    await log(`the council admitted state ${state}; its probation is over`);

    // 2. Bond, set the session keys, declare the intent to validate for the state.
    await submitOk(api, api.tx.staking.bond(BOND, 'Staked'), eve);
    await log(`Eve bonded ${BOND / ATH} ATH`);

    const keys = { aura: eve.publicKey, grandpa: eveGrandpa.publicKey };
    // The eve node must hold the private keys (zombienet's keystore), or she could never author.
    const encodedKeys = u8aToHex(u8aConcat(keys.aura, keys.grandpa));
    if (!(await api.rpc.author.hasSessionKeys(encodedKeys)).isTrue) {
      throw new Error(`the ${nodeName} node's keystore lacks //Eve's aura/gran keys`);
    }
    // pallet-session checks a proof of possession: each session key signs "POP_" ++ the
    // SCALE-encoded account (32 bytes); the proof is the SCALE tuple of the signatures, in the
    // order of the SessionKeys fields (aura sr25519, grandpa ed25519).
    const statement = u8aConcat(stringToU8a('POP_'), eve.publicKey);
    const proof = u8aConcat(eve.sign(statement), eveGrandpa.sign(statement));
    // Passed as hex: polkadot.js reads a Uint8Array for `Bytes` as already length-prefixed.
    await submitOk(api, api.tx.session.setKeys(keys, u8aToHex(proof)), eve);
    await log(`Eve set session keys aura ${u8aToHex(keys.aura)} grandpa ${u8aToHex(keys.grandpa)}`);

    const declared = await submitOk(api, api.tx.stateSeats.validate(state, 0, false), eve);
    if (!declared.events.some(({ event }) => api.events.stateSeats.ValidatorDeclared.is(event))) {
      throw new Error('no stateSeats.ValidatorDeclared event for Eve');
    }
    await log(`Eve declared for state ${state}: prefs ${(await api.query.staking.validators(eve.address)).toString()}`);

    // 3. A stranger cannot validate for a state that did not appoint him.
    const stranger = await submit(api, api.tx.stateSeats.validate(state, 0, false), ferdie);
    if (stranger.error !== 'stateSeats.NotAppointed') {
      throw new Error(`Ferdie's stateSeats.validate: expected stateSeats.NotAppointed, got ${stranger.error || 'success'}`);
    }
    await log('Ferdie (not appointed) was refused: stateSeats.NotAppointed');

    // 4. Elected at the next era, then active one session later: wait for the session set.
    await waitFor(
      'Eve in session.validators()',
      async () => (await api.query.session.validators()).some((v) => v.toHex() === eveHex),
      { timeoutMs: ELECTION_TIMEOUT_MS, everyMs: 6000 },
    );
    await log(`Eve is a session validator (${(await api.query.session.validators()).length} in the set)`);

    // ... and authors a block.
    const authored = await new Promise((resolve, reject) => {
      let unsub = () => {};
      let done = false;
      const finish = (fn, value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsub();
        fn(value);
      };
      const timer = setTimeout(
        () => finish(reject, new Error(`Eve authored no block within ${AUTHOR_TIMEOUT_MS / 1000} s of joining the set`)),
        AUTHOR_TIMEOUT_MS,
      );
      api.rpc.chain
        .subscribeNewHeads(async (header) => {
          try {
            if ((await auraAuthor(api, header)) === eveHex) finish(resolve, header.number.toNumber());
          } catch (e) {
            finish(reject, e);
          }
        })
        .then((u) => {
          unsub = u;
          if (done) u();
        }, (e) => finish(reject, e));
    });
    await log(`Eve authored block #${authored}`);
    return 1;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
