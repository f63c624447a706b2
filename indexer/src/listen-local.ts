// Preloaded (`node --require lib/listen-local.js`) into the processor and the GraphQL server:
// their HTTP servers listen on a port alone, which Node binds on every interface. This binds
// them to $INDEXER_HOST (default 127.0.0.1) instead; put a proxy in front to serve others.
import net from 'node:net';

const host = process.env.INDEXER_HOST ?? '127.0.0.1';
const listen = net.Server.prototype.listen;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
net.Server.prototype.listen = function (this: net.Server, ...args: any[]) {
  // `listen(port)` or `listen(port, callback)`: add the host; any other form is left as it is.
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    if (args.length === 1 || typeof args[1] === 'function') args.splice(1, 0, host);
  }
  return listen.apply(this, args as Parameters<typeof listen>);
} as typeof listen;
