/**
 * A data channel for unit tests: frames are queued and counted in
 * `bufferedAmount`, delivered a few bytes per macrotask (like a slow link), and
 * `bufferedamountlow` fires when the queue falls to the threshold, as in a browser.
 */
import type { FileChannel } from '../../src/public/js/files/transfer.js';

export interface FakeChannel extends FileChannel {
  /** Where delivered frames go (copies, as a real channel gives). */
  deliver: (data: string | ArrayBuffer) => void;
  /** Rewrites or drops (undefined) a frame on the way, for tampering tests. */
  tamper: (data: string | ArrayBuffer) => string | ArrayBuffer | undefined;
  /** Every frame sent, in order. */
  readonly sent: Array<string | ArrayBuffer>;
  readonly maxBuffered: number;
  readonly lowEvents: number;
  close(): void;
}

const sizeOf = (data: string | ArrayBuffer) => (typeof data === 'string' ? new TextEncoder().encode(data).length : data.byteLength);

export function createFakeChannel(bytesPerTick = 64 * 1024): FakeChannel {
  const queue: Array<string | ArrayBuffer> = [];
  let scheduled = false;
  let closed = false;
  const drain = () => {
    scheduled = false;
    let moved = 0;
    while (!closed && queue.length > 0 && moved < bytesPerTick) {
      const frame = queue.shift()!;
      const before = channel.bufferedAmount;
      channel.bufferedAmount -= sizeOf(frame);
      moved += sizeOf(frame);
      const out = channel.tamper(frame);
      if (out !== undefined) channel.deliver(out);
      if (before > channel.bufferedAmountLowThreshold && channel.bufferedAmount <= channel.bufferedAmountLowThreshold) {
        channel.lowEvents++;
        channel.onbufferedamountlow?.(new Event('bufferedamountlow'));
      }
    }
    if (!closed && queue.length > 0 && !scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  };
  const channel = {
    bufferedAmount: 0,
    bufferedAmountLowThreshold: 0,
    onbufferedamountlow: null as FileChannel['onbufferedamountlow'],
    deliver: (() => undefined) as FakeChannel['deliver'],
    tamper: (data: string | ArrayBuffer) => data,
    sent: [] as Array<string | ArrayBuffer>,
    maxBuffered: 0,
    lowEvents: 0,
    send(data: string | ArrayBuffer) {
      if (closed) throw new DOMException('closed', 'InvalidStateError');
      const copy = typeof data === 'string' ? data : data.slice(0);
      channel.sent.push(copy);
      queue.push(copy);
      channel.bufferedAmount += sizeOf(copy);
      channel.maxBuffered = Math.max(channel.maxBuffered, channel.bufferedAmount);
      if (!scheduled) {
        scheduled = true;
        setImmediate(drain);
      }
    },
    close() {
      closed = true;
      queue.length = 0;
      channel.bufferedAmount = 0;
    },
  };
  return channel as FakeChannel;
}

/** Resolves when `condition` holds, checked every millisecond; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
