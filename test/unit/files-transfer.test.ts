/**
 * Sending and receiving files between two routers joined by fake data
 * channels with tiny buffers: end-to-end SHA-256, backpressure, accept /
 * decline / cancel from either side, a lost connection, and a malicious peer.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeChunk, encodeControl, MAX_CHUNK_BYTES } from '../../src/public/js/files/protocol.js';
import { formatBytes, formatSpeed, formatTimeLeft } from '../../src/public/js/files/format.js';
import { createHasher } from '../../src/public/js/files/hash.js';
import { createProgressMeter } from '../../src/public/js/files/progress.js';
import type { IncomingTransfer } from '../../src/public/js/files/receiver.js';
import type { FileLike } from '../../src/public/js/files/sender.js';
import { isOutcome, type FileChannel, type Transfer, type TransferOptions } from '../../src/public/js/files/transfer.js';
import { createFileTransfers, type TransferProblem } from '../../src/public/js/files/transfers.js';
import { createFakeChannel, until } from './fake-channel.js';

// A real RTCDataChannel must fit the interface the transfers take.
const _fits = (dc: RTCDataChannel): FileChannel => dc;
void _fits;

const TINY: Partial<TransferOptions> = {
  chunkBytes: 4096,
  highWaterBytes: 16 * 1024,
  lowWaterBytes: 4096,
  readChunks: 4,
  partBytes: 256 * 1024,
  progressIntervalMs: 0,
};
const ID = '00112233445566aa';
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const ended = (t: Transfer) => isOutcome(t.state);

/**
 * Resolves once `channel` has delivered everything queued and nothing new was sent for
 * QUIET_TURNS turns of the event loop: what a sender that is wrongly still going would use.
 */
const QUIET_TURNS = 50;
async function quiet(channel: { sent: unknown[]; bufferedAmount: number }): Promise<void> {
  let seen = -1;
  let calm = 0;
  while (calm < QUIET_TURNS) {
    await new Promise((resolve) => setImmediate(resolve));
    calm = channel.sent.length === seen && channel.bufferedAmount === 0 ? calm + 1 : 0;
    seen = channel.sent.length;
  }
}

function connect(options: Partial<TransferOptions> = TINY, bytesPerTick = 6000) {
  const ca = createFakeChannel(bytesPerTick);
  const cb = createFakeChannel(bytesPerTick);
  const a = createFileTransfers(ca, options);
  const b = createFileTransfers(cb, options);
  ca.deliver = (data) => b.receive(data);
  cb.deliver = (data) => a.receive(data);
  const offers: IncomingTransfer[] = [];
  b.onincoming = (t) => offers.push(t);
  const lose = () => {
    ca.close();
    cb.close();
    a.lost();
    b.lost();
  };
  return { a, b, ca, cb, offers, lose };
}

/** A Blob that counts its reads, to show the sender holds one slice at a time. */
function countingFile(bytes: Uint8Array) {
  const blob = new Blob([bytes as BlobPart]);
  const stats = { reading: 0, maxReading: 0, maxSlice: 0 };
  const file: FileLike = {
    size: blob.size,
    slice(start, end) {
      stats.maxSlice = Math.max(stats.maxSlice, end - start);
      return {
        async arrayBuffer() {
          stats.reading++;
          stats.maxReading = Math.max(stats.maxReading, stats.reading);
          try {
            return await blob.slice(start, end).arrayBuffer();
          } finally {
            stats.reading--;
          }
        },
      };
    },
  };
  return { file, stats };
}

const chunksSent = (frames: Array<string | ArrayBuffer>) => frames.filter((f) => typeof f !== 'string').length;

describe('sending a file', () => {
  it('moves 5 MB of random bytes intact through tiny buffers, with the sender never over its high-water mark', async () => {
    const { a, ca, offers } = connect();
    const bytes = new Uint8Array(randomBytes(5 * 1024 * 1024));
    const { file, stats } = countingFile(bytes);
    const progress: number[] = [];
    const out = a.send(file, 'random.bin', 'application/octet-stream');
    out.onchange = (t) => progress.push(t.progress.bytes);
    await until(() => offers.length === 1, 'the offer');
    const incoming = offers[0]!;
    expect([incoming.name, incoming.size, incoming.state]).toEqual(['random.bin', bytes.length, 'offered']);
    incoming.accept();
    await until(() => ended(out) && ended(incoming), 'both ends', 60_000);
    expect([out.state, incoming.state]).toEqual(['complete', 'complete']);
    const received = new Uint8Array(await incoming.blob!.arrayBuffer());
    expect(sha(received)).toBe(sha(bytes));
    expect(incoming.blob!.type).toBe('application/octet-stream');
    expect(ca.maxBuffered).toBeLessThanOrEqual(16 * 1024 + 4096 + 17);
    expect(ca.lowEvents).toBeGreaterThan(10); // it really waited for the buffer to drain
    expect(stats.maxReading).toBe(1);
    expect(stats.maxSlice).toBe(4 * 4096);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(out.progress.secondsLeft).toBe(0);
    expect(a.live).toEqual([]);
  }, 90_000);

  it('moves two files at once, interleaved on the one channel', async () => {
    const { a, offers } = connect();
    const one = new Uint8Array(randomBytes(300_000));
    const two = new Uint8Array(randomBytes(200_001));
    const outs = [a.send(new Blob([one as BlobPart]), 'one'), a.send(new Blob([two as BlobPart]), 'two')];
    await until(() => offers.length === 2, 'two offers');
    for (const offer of offers) offer.accept();
    await until(() => offers.every(ended) && outs.every(ended), 'both transfers');
    expect(offers.map((t) => t.state)).toEqual(['complete', 'complete']);
    expect(sha(new Uint8Array(await offers[0]!.blob!.arrayBuffer()))).toBe(sha(one));
    expect(sha(new Uint8Array(await offers[1]!.blob!.arrayBuffer()))).toBe(sha(two));
  });

  it('sends an empty file', async () => {
    const { a, offers } = connect();
    const out = a.send(new Blob([]), 'empty.txt', 'text/plain');
    await until(() => offers.length === 1, 'the offer');
    offers[0]!.accept();
    await until(() => ended(out) && ended(offers[0]!), 'both ends');
    expect([out.state, offers[0]!.state, offers[0]!.blob!.size]).toEqual(['complete', 'complete', 0]);
  });

  it('sends nothing but the offer before the receiver accepts', async () => {
    const { a, ca, offers } = connect();
    a.send(new Blob([new Uint8Array(50_000)]), 'wait.bin');
    await until(() => offers.length === 1, 'the offer');
    await quiet(ca);
    expect(ca.sent).toHaveLength(1);
    expect(offers[0]!.progress.bytes).toBe(0);
  });

  it('cleans the name and media type before offering them', async () => {
    const { a, offers } = connect();
    const out = a.send(new Blob(['x']), '../secret\u202E.txt', 'text/html; evil');
    await until(() => offers.length === 1, 'the offer');
    expect([out.name, out.type, offers[0]!.name, offers[0]!.type]).toEqual(['_secret.txt', '', '_secret.txt', '']);
  });
});

/** Starts a 2 MB transfer and returns once some of it has arrived. */
async function midway(pair: ReturnType<typeof connect>) {
  const out = pair.a.send(new Blob([new Uint8Array(2_000_000)]), 'big.bin');
  await until(() => pair.offers.length === 1, 'the offer');
  const incoming = pair.offers[0]!;
  incoming.accept();
  await until(() => incoming.progress.bytes > 100_000, 'some bytes');
  return { out, incoming };
}

describe('ending a transfer early', () => {
  it('tells the sender when the receiver declines', async () => {
    const { a, ca, offers } = connect();
    const out = a.send(new Blob(['hello']), 'hello.txt');
    await until(() => offers.length === 1, 'the offer');
    offers[0]!.decline();
    await until(() => ended(out), 'the sender to hear');
    expect([out.state, out.endedBy, offers[0]!.state, offers[0]!.endedBy]).toEqual(['declined', 'peer', 'declined', 'me']);
    expect(chunksSent(ca.sent)).toBe(0);
  });

  it('stops both sides when the sender cancels mid-way, keeping nothing', async () => {
    const { out, incoming } = await midway(connect());
    out.cancel();
    await until(() => ended(incoming), 'the receiver to hear');
    expect([out.state, out.endedBy, incoming.state, incoming.endedBy, incoming.blob]).toEqual(['cancelled', 'me', 'cancelled', 'peer', undefined]);
  });

  it('stops the sender when the receiver cancels mid-way', async () => {
    const pair = connect();
    const { out, incoming } = await midway(pair);
    incoming.cancel();
    await until(() => ended(out), 'the sender to hear');
    const sentThen = chunksSent(pair.ca.sent);
    await quiet(pair.ca);
    expect([out.state, out.endedBy, incoming.state]).toEqual(['cancelled', 'peer', 'cancelled']);
    expect(chunksSent(pair.ca.sent)).toBe(sentThen);
    expect(sentThen).toBeLessThan(2_000_000 / 4096);
  });

  it('says "connection lost" on both sides when the channel closes mid-way', async () => {
    const pair = connect();
    const { out, incoming } = await midway(pair);
    pair.lose();
    expect([out.state, incoming.state, incoming.blob]).toEqual(['connection-lost', 'connection-lost', undefined]);
  });

  it('says "connection lost" for a file offered after the channel closed', () => {
    const { a, lose } = connect();
    lose();
    expect(a.send(new Blob(['x']), 'late.txt').state).toBe('connection-lost');
  });

  it('fails both sides when the file cannot be read any more', async () => {
    const { a, offers } = connect();
    const broken: FileLike = { size: 10, slice: () => ({ arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) }) };
    const out = a.send(broken, 'gone.txt');
    await until(() => offers.length === 1, 'the offer');
    offers[0]!.accept();
    await until(() => ended(out) && ended(offers[0]!), 'both ends');
    expect([out.state, out.reason, offers[0]!.state, offers[0]!.endedBy, offers[0]!.reason]).toEqual(['failed', 'read', 'failed', 'peer', 'read']);
  });
});

describe('checking the bytes', () => {
  it("hashes whole files and Blob parts when the hasher works off the page's thread, as the page's Worker does", async () => {
    const offThread: Partial<TransferOptions> = { ...TINY, hasher: () => ({ ...createHasher(), offThread: true }) };
    const { a, offers } = connect(offThread);
    const bytes = new Uint8Array(randomBytes(700_000));
    const out = a.send(new Blob([bytes]), 'x.bin');
    await until(() => offers.length === 1, 'the offer');
    offers[0]!.accept();
    await until(() => ended(out) && ended(offers[0]!), 'both ends');
    expect([out.state, offers[0]!.state, out.sha256, offers[0]!.sha256]).toEqual(['complete', 'complete', sha(bytes), sha(bytes)]);
    expect(new Uint8Array(await offers[0]!.blob!.arrayBuffer())).toEqual(bytes);
  });

  it('fails the sender, telling the receiver, when the hasher cannot read the file', async () => {
    const broken: Partial<TransferOptions> = { ...TINY, hasher: () => ({ ...createHasher(), digest: () => Promise.reject(new Error('gone')) }) };
    const { a, offers } = connect(broken);
    const out = a.send(new Blob([new Uint8Array(10_000)]), 'x.bin');
    await until(() => offers.length === 1, 'the offer');
    offers[0]!.accept();
    await until(() => ended(out) && ended(offers[0]!), 'both ends');
    expect([out.state, out.reason, offers[0]!.state, offers[0]!.endedBy]).toEqual(['failed', 'read', 'failed', 'peer']);
  });

  it('shows a mismatch on both sides, and saves nothing, when a byte changes on the way', async () => {
    const { a, ca, offers } = connect();
    let flipped = false;
    ca.tamper = (frame) => {
      if (typeof frame === 'string' || flipped) return frame;
      const copy = new Uint8Array(frame);
      copy[copy.length - 1]! ^= 0xff;
      flipped = true;
      return copy.buffer;
    };
    const out = a.send(new Blob([new Uint8Array(randomBytes(50_000))]), 'x.bin');
    await until(() => offers.length === 1, 'the offer');
    offers[0]!.accept();
    await until(() => ended(out) && ended(offers[0]!), 'both ends');
    expect([out.state, offers[0]!.state, offers[0]!.blob]).toEqual(['mismatch', 'mismatch', undefined]);
  });
});

/** The receiving side alone, fed by a hostile peer; returns what it answered. */
function hostile(options: Partial<TransferOptions> = TINY) {
  const channel = createFakeChannel();
  const answers: unknown[] = [];
  channel.deliver = (data) => answers.push(typeof data === 'string' ? JSON.parse(data) : data);
  const b = createFileTransfers(channel, options);
  const offers: IncomingTransfer[] = [];
  const problems: TransferProblem[] = [];
  b.onincoming = (t) => offers.push(t);
  b.onproblem = (p) => problems.push(p);
  const offer = (size: number, id = ID) => b.receive(encodeControl({ kind: 'offer', id, name: 'f', size, type: '' }));
  const chunk = (offset: number, length: number, id = ID) => b.receive(encodeChunk(id, offset, new Uint8Array(length).fill(7)));
  const finished: IncomingTransfer[] = []; // transfers told `done`: their hash is checked asynchronously
  const done = (sha256: string) => {
    finished.push(...offers.filter((t) => t.id === ID));
    b.receive(encodeControl({ kind: 'done', id: ID, sha256 }));
  };
  const settle = async () => {
    await until(() => finished.every(ended), 'the hash checks');
    await quiet(channel); // the answers are delivered on later turns of the event loop
  };
  return { b, offers, problems, answers, offer, chunk, done, settle };
}

describe('a malicious sender', () => {
  it('cannot make the receiver keep bytes before accepting: the transfer fails', async () => {
    const h = hostile();
    h.offer(10);
    h.chunk(0, 10);
    await h.settle();
    expect([h.offers[0]!.state, h.offers[0]!.reason, h.offers[0]!.progress.bytes]).toEqual(['failed', 'protocol', 0]);
    expect(h.answers).toEqual([{ kind: 'error', id: ID, reason: 'protocol' }]);
  });

  it.each([
    [
      'more data than announced',
      [
        [0, 8],
        [8, 8],
      ],
    ],
    [
      'a chunk sent twice (overlap)',
      [
        [0, 8],
        [0, 8],
      ],
    ],
    ['a chunk out of order', [[8, 8]]],
    [
      'a gap',
      [
        [0, 4],
        [6, 4],
      ],
    ],
  ] as Array<[string, Array<[number, number]>]>)('fails the transfer on %s', async (_, chunks) => {
    const h = hostile();
    h.offer(12);
    h.offers[0]!.accept();
    for (const [offset, length] of chunks) h.chunk(offset, length);
    await h.settle();
    expect([h.offers[0]!.state, h.offers[0]!.reason, h.offers[0]!.blob]).toEqual(['failed', 'protocol', undefined]);
    expect(h.answers.at(-1)).toEqual({ kind: 'error', id: ID, reason: 'protocol' });
  });

  it('fails the transfer when "done" comes before all bytes, and ignores what follows', async () => {
    const h = hostile();
    h.offer(12);
    h.offers[0]!.accept();
    h.chunk(0, 4);
    h.done('a'.repeat(64));
    h.chunk(4, 8);
    await h.settle();
    expect([h.offers[0]!.state, h.offers[0]!.reason]).toEqual(['failed', 'protocol']);
  });

  it('ignores chunks for a transfer it never heard of, and oversized or broken frames', async () => {
    const h = hostile();
    h.chunk(0, 10, 'ffffffffffffffff');
    h.b.receive(new Uint8Array(encodeChunk(ID, 0, new Uint8Array(MAX_CHUNK_BYTES + 1))).buffer);
    h.b.receive(new ArrayBuffer(3));
    h.b.receive('{"kind":"offer"');
    h.b.receive(JSON.stringify({ kind: 'offer', id: ID, name: 'a'.repeat(10_000), size: 1, type: '' }));
    h.b.receive(JSON.stringify({ kind: 'offer', id: ID, name: 'f', size: -1, type: '' }));
    h.b.receive(JSON.stringify({ kind: 'offer', id: ID, name: 'f', size: 'NaN', type: '' }));
    h.b.receive(JSON.stringify({ kind: 'wormhole', id: ID }));
    await h.settle();
    expect(h.problems.map((p) => p.code)).toEqual([
      'unknown-id',
      'chunk-too-big',
      'bad-header',
      'not-json',
      'too-long',
      'bad-field',
      'bad-field',
      'unknown-kind',
    ]);
    expect([h.offers, h.answers]).toEqual([[], []]);
  });

  it('refuses a file larger than the receiving cap, telling both sides', async () => {
    const h = hostile({ ...TINY, maxIncomingBytes: 1000 });
    h.offer(1001);
    await h.settle();
    expect([h.offers[0]!.state, h.offers[0]!.reason, h.offers[0]!.size]).toEqual(['declined', 'too-large', 1001]);
    expect(h.answers).toEqual([{ kind: 'error', id: ID, reason: 'too-large' }]);
    h.chunk(0, 10);
    expect(h.problems).toEqual([{ code: 'unknown-id' }]);
  });

  it('refuses offers beyond the number it holds at once, and a second offer with the same id', async () => {
    const h = hostile({ ...TINY, maxIncomingTransfers: 2 });
    h.offer(1, '0000000000000001');
    h.offer(1, '0000000000000002');
    h.offer(1, '0000000000000002');
    h.offer(1, '0000000000000003');
    await h.settle();
    expect(h.offers.map((t) => t.id)).toEqual(['0000000000000001', '0000000000000002']);
    expect(h.problems).toEqual([{ code: 'duplicate-id' }]);
    expect(h.answers).toEqual([{ kind: 'error', id: '0000000000000003', reason: 'busy' }]);
  });

  it('shows a mismatch when the announced hash does not match the bytes', async () => {
    const h = hostile();
    h.offer(4);
    h.offers[0]!.accept();
    h.chunk(0, 4);
    h.done('0'.repeat(64));
    await h.settle();
    expect([h.offers[0]!.state, h.offers[0]!.blob]).toEqual(['mismatch', undefined]);
    expect(h.answers.at(-1)).toEqual({ kind: 'received', id: ID, sha256: sha(new Uint8Array(4).fill(7)) });
  });
});

describe('progress', () => {
  it('gives the speed over the last 3 s and the time left at that speed', () => {
    const meter = createProgressMeter(10_000_000);
    expect(meter.update(0, 0)).toEqual({ bytes: 0, size: 10_000_000, bytesPerSecond: 0, secondsLeft: undefined });
    meter.update(1_000_000, 1000);
    expect(meter.update(2_000_000, 2000)).toEqual({ bytes: 2_000_000, size: 10_000_000, bytesPerSecond: 1_000_000, secondsLeft: 8 });
    meter.update(2_000_000, 5000); // stalled for 3 s: readings older than 3 s no longer count
    expect(meter.update(2_500_000, 6000).bytesPerSecond).toBe(500_000);
    expect(meter.update(10_000_000, 7000).secondsLeft).toBe(0);
  });

  it('is done at once for an empty file', () => {
    expect(createProgressMeter(0).current.secondsLeft).toBe(0);
  });
});

describe('progress as text', () => {
  it('gives sizes in decimal units', () => {
    expect([0, 999, 1000, 1234, 99_949, 5_000_000, 123_456_789, 2 * 1024 ** 3, 1e18].map(formatBytes)).toEqual([
      '0 B',
      '999 B',
      '1.0 kB',
      '1.2 kB',
      '99.9 kB',
      '5.0 MB',
      '123 MB',
      '2.1 GB',
      '1000 PB',
    ]);
    expect([NaN, -1, Infinity].map(formatBytes)).toEqual(['–', '–', '–']);
    expect(formatSpeed(12_300_000)).toBe('12.3 MB/s');
  });

  it('gives the time left like a clock', () => {
    expect([0, 6.2, 59, 60, 754, 3723, undefined, Infinity].map(formatTimeLeft)).toEqual(['0:00', '0:07', '0:59', '1:00', '12:34', '1:02:03', '–', '–']);
  });
});
