// A minimal JSON-RPC client over one WebSocket: calls and subscriptions to the node's public
// methods (`depin_*`, `system_*`). No SCALE: `depin_*` answers plain JSON.

export class Rpc {
  constructor(url) {
    this.url = url;
    this.next = 1;
    this.pending = new Map();
    this.subscriptions = new Map();
    this.early = new Map();
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(this.url);
      this.ws.onopen = () => resolve(this);
      this.ws.onerror = () => reject(new Error(`cannot reach ${this.url}`));
      this.ws.onmessage = (ev) => this.#receive(JSON.parse(ev.data));
    });
  }

  #receive(msg) {
    if (msg.id !== undefined && this.pending.has(msg.id)) {
      const { resolve, reject } = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else resolve(msg.result);
    } else if (msg.params?.subscription !== undefined) {
      const { subscription, result } = msg.params;
      const handler = this.subscriptions.get(subscription);
      if (handler) handler(result);
      else this.early.set(subscription, [...(this.early.get(subscription) ?? []), result]);
    }
  }

  call(method, ...params) {
    const id = this.next++;
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** `depin_<method>(...params)`. */
  depin(method, ...params) {
    return this.call(`depin_${method}`, ...params);
  }

  async subscribe(method, params, handler) {
    const id = await this.call(method, ...params);
    this.subscriptions.set(id, handler);
    for (const result of this.early.get(id) ?? []) handler(result);
    this.early.delete(id);
    return id;
  }
}

/** Every page of a paged `depin_*` read, up to `maxPages` (a dashboard never reads unboundedly). */
export async function allPages(rpc, method, args, maxPages = 10) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < maxPages; i++) {
    const page = await rpc.depin(method, ...args, cursor, 100);
    items.push(...page.items);
    if (page.next === null) break;
    cursor = page.next;
  }
  return items;
}
