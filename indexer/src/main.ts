// Atlas's indexer: follows a node's finalized blocks and writes what happened into PostgreSQL,
// which squid-graphql-server serves over GraphQL. Configuration (environment):
//   ATLAS_RPC   the node's WebSocket RPC (default ws://127.0.0.1:9944); an archive node
//   DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASS   the database (as @subsquid/typeorm-store reads them)
//   PROMETHEUS_PORT   where the processor serves its metrics (`sqd_processor_last_block`, ...)
import { TypeormDatabase } from '@subsquid/typeorm-store';
import { Batch } from './cache';
import { Mapper, WRITE_ORDER } from './mapping';
import { makeProcessor } from './processor';

const processor = makeProcessor(process.env.ATLAS_RPC ?? 'ws://127.0.0.1:9944');

// Hot blocks off: only finalized blocks are mapped, and each batch commits with the processor's
// progress in one transaction.
processor.run(new TypeormDatabase({ supportHotBlocks: false }), async (ctx) => {
  const batch = new Batch(ctx.store, WRITE_ORDER);
  const mapper = new Mapper(ctx, batch);
  await mapper.prefetch();
  for (const block of ctx.blocks) await mapper.block(block.header, block.events);
  await batch.flush();
});
