// testnet.zndsl: `<node>: js-script ./finality-advances.js with "N" return is at least N ...`
// Waits until the node's finalized head is N blocks above where it was when the script started
// (so the blocks were finalized after the previous step, e.g. with a validator paused) and
// returns how far it advanced.
const { connectTo, finalizedNumber, bestNumber, waitFor } = require('./helpers');

async function run(nodeName, networkInfo, args) {
  const want = Number(args[0] || 3);
  const api = await connectTo(networkInfo, nodeName);
  try {
    const start = await finalizedNumber(api);
    console.log(`${nodeName}: finalized #${start}, best #${await bestNumber(api)}; waiting for #${start + want}`);
    const reached = await waitFor(
      `${nodeName}'s finalized head to pass #${start + want}`,
      async () => {
        const now = await finalizedNumber(api);
        return now >= start + want ? now : 0;
      },
      { timeoutMs: 170_000 },
    );
    console.log(`${nodeName}: finalized #${reached} (+${reached - start})`);
    return reached - start;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
