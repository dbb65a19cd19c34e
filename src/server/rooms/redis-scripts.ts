/**
 * The room store's Lua scripts. Every change of seats is one script, so it is atomic
 * across nodes: two people racing for the last seat on two nodes never both get it.
 *
 * Keys under the prefix p (default `duet:`):
 *   p room:<room>          SET of the socket ids seated in the room (deleted when empty)
 *   p member:<id>          HASH room -> client address of each seat of a socket, and `=node` -> its node
 *   p address:<address>    seats held by the sockets of one client address (MAX_ROOMS_PER_ADDRESS)
 *   p rooms                rooms that exist (MAX_ROOMS)
 *   p seats:<node>         SET of the socket ids with a seat, per node (released when the node dies)
 *   p reaped:<node>        set for an hour when a node's seats were freed as dead (it must not restore them)
 * No other key has a TTL: seats live as long as their node; the node's heartbeat (node-heartbeat.ts) has one.
 * The scripts build keys from the prefix, so they need one Redis (or a primary with replicas), not a Cluster.
 */
import { luaScript } from '../redis/script.js';

/** `=` is never in a room name, so this field of a member's hash is not a room. */
const RELEASE = `
local function release(p, room, member)
  local roomKey = p .. 'room:' .. room
  if redis.call('SREM', roomKey, member) == 0 then return false end
  local memberKey = p .. 'member:' .. member
  local address = redis.call('HGET', memberKey, room)
  redis.call('HDEL', memberKey, room)
  if address and address ~= '' then
    local addressKey = p .. 'address:' .. address
    if redis.call('DECR', addressKey) <= 0 then redis.call('DEL', addressKey) end
  end
  local left = redis.call('SMEMBERS', roomKey)
  if #left == 0 and redis.call('DECR', p .. 'rooms') <= 0 then redis.call('DEL', p .. 'rooms') end
  if redis.call('HLEN', memberKey) <= 1 then
    local node = redis.call('HGET', memberKey, '=node')
    if node then redis.call('SREM', p .. 'seats:' .. node, member) end
    redis.call('DEL', memberKey)
  end
  return left
end
`;

/**
 * ARGV: prefix, room, member, address ('' for none), node, seats per room, max rooms,
 * max rooms per member, max seats per address (-1: no cap). Replies {kind, peers}.
 */
export const SEAT = luaScript(`
local p, room, member, address, node = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local seats, maxRooms, perMember, perAddress = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local roomKey = p .. 'room:' .. room
local memberKey = p .. 'member:' .. member
local peers = redis.call('SMEMBERS', roomKey)
for _, m in ipairs(peers) do
  if m == member then return {'already-in-room', peers} end
end
if #peers >= seats then return {'full', {}} end
if #peers == 0 and maxRooms >= 0 and tonumber(redis.call('GET', p .. 'rooms') or '0') >= maxRooms then return {'too-many-rooms', {}} end
local held = redis.call('HLEN', memberKey)
if held > 0 then held = held - 1 end
if perMember >= 0 and held >= perMember then return {'too-many-rooms', {}} end
local addressKey = p .. 'address:' .. address
if address ~= '' and perAddress >= 0 and tonumber(redis.call('GET', addressKey) or '0') >= perAddress then return {'too-many-rooms', {}} end
redis.call('SADD', roomKey, member)
if #peers == 0 then redis.call('INCR', p .. 'rooms') end
redis.call('HSET', memberKey, room, address, '=node', node)
if address ~= '' then redis.call('INCR', addressKey) end
redis.call('SADD', p .. 'seats:' .. node, member)
return {'joined', peers}
`);

/** ARGV: prefix, room, member. Replies {1, remaining} or {0, {}}. */
export const UNSEAT = luaScript(`${RELEASE}
local left = release(ARGV[1], ARGV[2], ARGV[3])
if left then return {1, left} end
return {0, {}}
`);

/** ARGV: prefix, member. Replies {room, remaining, room, remaining, …}. */
export const UNSEAT_ALL = luaScript(`${RELEASE}
local out = {}
for _, room in ipairs(redis.call('HKEYS', ARGV[1] .. 'member:' .. ARGV[2])) do
  if room ~= '=node' then
    local left = release(ARGV[1], room, ARGV[2])
    if left then table.insert(out, room); table.insert(out, left) end
  end
end
return out
`);

/**
 * Frees everything of the nodes whose heartbeat key is gone. ARGV: prefix.
 * Replies {dead nodes, {room, member, remaining, …}}; a second node running it finds nothing left.
 */
export const REAP = luaScript(`${RELEASE}
local p = ARGV[1]
local dead, out = {}, {}
for _, node in ipairs(redis.call('SMEMBERS', p .. 'nodes')) do
  if redis.call('EXISTS', p .. 'node:' .. node) == 0 then
    table.insert(dead, node)
    local seatsKey = p .. 'seats:' .. node
    for _, member in ipairs(redis.call('SMEMBERS', seatsKey)) do
      for _, room in ipairs(redis.call('HKEYS', p .. 'member:' .. member)) do
        if room ~= '=node' then
          local left = release(p, room, member)
          if left then table.insert(out, room); table.insert(out, member); table.insert(out, left) end
        end
      end
      redis.call('DEL', p .. 'member:' .. member)
    end
    redis.call('DEL', seatsKey, p .. 'connections:' .. node)
    redis.call('SREM', p .. 'nodes', node)
    redis.call('SET', p .. 'reaped:' .. node, '1', 'EX', 3600)
  end
end
return {dead, out}
`);
