// testnet.zndsl: `<node>: js-script ./catch-up.js with "<reference node>" return is 1 ...`
// After the node was paused or restarted: reads the reference node's best and finalized heights
// now, then waits until the node's own best and finalized heads reach them. Returns 1.
const { connectTo, finalizedNumber, bestNumber, waitFor } = require('./helpers');

async function run(nodeName, networkInfo, args) {
  const reference = args[0] || 'alice';
  const ref = await connectTo(networkInfo, reference);
  let node;
  try {
    const [refBest, refFinal] = [await bestNumber(ref), await finalizedNumber(ref)];
    console.log(`${reference}: best #${refBest}, finalized #${refFinal}`);
    node = await connectTo(networkInfo, nodeName);
    await waitFor(
      `${nodeName} to reach best #${refBest} and finalized #${refFinal}`,
      async () => {
        const [best, fin] = [await bestNumber(node), await finalizedNumber(node)];
        return best >= refBest && fin >= refFinal;
      },
      { timeoutMs: 170_000 },
    );
    console.log(`${nodeName}: best #${await bestNumber(node)}, finalized #${await finalizedNumber(node)}: caught up`);
    return 1;
  } finally {
    await ref.disconnect();
    if (node) await node.disconnect();
  }
}

module.exports = { run };
