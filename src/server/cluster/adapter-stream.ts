/**
 * The Redis stream that Socket.IO's Redis Streams adapter carries events between nodes on,
 * bounded in entries and in bytes. The adapter trims only by count (`XADD … MAXLEN ~ n`), so
 * the same 100,000 entries that carry a burst of small signaling messages could hold 100,000
 * large relays: about 2 GB and more (a payload's JSON grows when escaped). Here every entry
 * the adapter adds goes through one Lua script instead, which also keeps a ledger of what each
 * entry weighs (a list of `id bytes`, oldest first, and their sum) and drops the oldest entries
 * as soon as the sum passes the byte budget or the list passes the entry cap. So Redis holds at
 * most `maxBytes` of entries plus the ledger, whatever clients send; entries are dropped only
 * when the budget is full, so a burst that fits keeps everything until every node has read it.
 */
import type { Redis } from 'ioredis';
import { luaScript, runScript } from '../redis/script.js';

/**
 * How much of the stream each node reads per XREAD, and how many entries the stream keeps at
 * most (the adapter's defaults: 100 and 10,000). Every node reads every entry; in a burst of
 * cross-node relays (the cluster bench: 1,000 rooms negotiating at once, about 44,000 entries
 * averaging 0.5 KB) a node fell more than 10,000 entries behind, the entries it had not read
 * yet were trimmed away, and those messages were lost. The byte budget (REDIS_STREAM_MAX_BYTES,
 * 64 MiB by default) holds that whole burst with room to spare.
 */
export const ADAPTER_STREAM = { readCount: 1000, maxLen: 100_000 } as const;

/**
 * What an entry costs besides its fields and values, counted in the ledger: 64 bytes and a
 * sixteenth of its size. That covers its id and the listpack and radix-tree headers of the node
 * it sits in (a large entry has a node of its own): measured with MEMORY USAGE, a 20 KB entry
 * costs about 700 bytes more than its fields and values, small ones a few dozen.
 */
export const ENTRY_OVERHEAD_BYTES = 64;

/**
 * ARGV: stream, ledger list, ledger sum, entry cap, byte budget, fixed overhead per entry, then the
 * entry's fields and values. Adds the entry, notes it in the ledger, and while over the cap or
 * the budget forgets the oldest notes (never the new entry's) and trims the stream up to the
 * oldest entry still noted. Replies with the new entry's id, as XADD does.
 */
const BOUNDED_XADD = luaScript(`
local stream, ledger, sumKey = ARGV[1], ARGV[2], ARGV[3]
local maxLen, maxBytes = tonumber(ARGV[4]), tonumber(ARGV[5])
local size = 0
for i = 7, #ARGV do size = size + #ARGV[i] end
size = size + tonumber(ARGV[6]) + math.floor(size / 16)
local id = redis.call('XADD', stream, '*', unpack(ARGV, 7))
local count = redis.call('RPUSH', ledger, id .. ' ' .. size)
local total = redis.call('INCRBY', sumKey, size)
if total <= maxBytes and count <= maxLen then return id end
while (total > maxBytes or count > maxLen) and count > 1 do
  local head = redis.call('LPOP', ledger)
  total = total - tonumber(string.match(head, ' (%d+)$'))
  count = count - 1
end
redis.call('SET', sumKey, math.max(total, 0))
redis.call('XTRIM', stream, 'MINID', string.match(redis.call('LINDEX', ledger, 0), '^(%S+)'))
return id`);

export interface StreamBound {
  /** The adapter's stream name. */
  stream: string;
  maxLen: number;
  maxBytes: number;
}

/** The ledger's keys beside the stream's (tests and the soak read the sum). */
export const ledgerKeys = (stream: string) => ({ list: `${stream}:ledger`, sum: `${stream}:ledger-bytes` });

/**
 * `client` as the adapter sees it, except that its `xadd` (called by the adapter as
 * `xadd(stream, 'MAXLEN', '~', n, '*', field, value, …)`) runs the bounded script. Everything
 * else, `duplicate()` for the adapter's readers included, is the client itself.
 */
export function boundedStreamClient(client: Redis, bound: StreamBound): Redis {
  const keys = ledgerKeys(bound.stream);
  function xadd(...input: unknown[]): Promise<unknown> {
    const args = input.flat() as Array<string | number>;
    const star = args.indexOf('*');
    if (star < 0) return client.xadd(...(args as [string, string, ...string[]]));
    const fields = args.slice(star + 1);
    return runScript(client, BOUNDED_XADD, [bound.stream, keys.list, keys.sum, bound.maxLen, bound.maxBytes, ENTRY_OVERHEAD_BYTES, ...fields]);
  }
  return new Proxy(client, {
    get(target, property) {
      if (property === 'xadd') return xadd;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
