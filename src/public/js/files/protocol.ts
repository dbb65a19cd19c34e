/**
 * The file-transfer wire protocol (docs/files.md). All transfers of a call
 * share one ordered, reliable RTCDataChannel labelled "files", apart from the
 * chat channel: control messages are JSON text, chunks are binary with a
 * 17-byte header (tag, transfer id, offset), so one `bufferedAmount` paces every
 * transfer and ordering makes "each chunk starts where the last one ended" a
 * rule the receiver can enforce. Every field from the peer is checked here;
 * nothing throws: bad input gives a typed error.
 */
import { codePoints, MAX_NAME_CODE_POINTS } from './names.js';

export const FILES_CHANNEL_LABEL = 'files';
/** Largest chunk payload a receiver accepts (and the size a sender uses). */
export const MAX_CHUNK_BYTES = 64 * 1024;
/** Largest control message, in UTF-16 code units: a 255-code-point name fits even fully escaped. */
export const MAX_CONTROL_CHARS = 4096;
export const MAX_TYPE_CHARS = 127;
export const CHUNK_TAG = 0x01;
export const CHUNK_HEADER_BYTES = 17;
const ID_BYTES = 8;

export type ErrorReason = 'protocol' | 'too-large' | 'busy' | 'read' | 'storage';
const REASONS: readonly ErrorReason[] = ['protocol', 'too-large', 'busy', 'read', 'storage'];

export type ControlMessage =
  | { kind: 'offer'; id: string; name: string; size: number; type: string }
  | { kind: 'accept'; id: string }
  | { kind: 'decline'; id: string }
  | { kind: 'cancel'; id: string }
  | { kind: 'done'; id: string; sha256: string }
  | { kind: 'received'; id: string; sha256: string }
  | { kind: 'error'; id: string; reason: ErrorReason };

export interface Chunk {
  id: string;
  offset: number;
  bytes: Uint8Array;
}

export type ProblemCode =
  'not-text' | 'too-long' | 'not-json' | 'not-object' | 'unknown-kind' | 'bad-field' | 'not-binary' | 'bad-header' | 'empty-chunk' | 'chunk-too-big';
export interface Problem {
  code: ProblemCode;
  field?: string;
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const fail = (code: ProblemCode, field?: string): { ok: false; problem: Problem } => ({ ok: false, problem: field ? { code, field } : { code } });

const ID = /^[0-9a-f]{16}$/u;
const SHA256_HEX = /^[0-9a-f]{64}$/u;
const MIME = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/iu;

export const isTransferId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
/** A byte count: a whole number from 0 to 2^53 − 1. */
export const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export const isMimeType = (v: unknown): v is string => typeof v === 'string' && (v === '' || (v.length <= MAX_TYPE_CHARS && MIME.test(v)));

/** A fresh transfer id: 8 random bytes as 16 lowercase hex digits. */
export function newTransferId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return toHex(random(new Uint8Array(ID_BYTES)));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function encodeControl(message: ControlMessage): string {
  return JSON.stringify(message);
}

/** Reads a text frame from the peer; unknown kinds give `unknown-kind` (the caller ignores them). */
export function parseControl(raw: unknown): Parsed<ControlMessage> {
  if (typeof raw !== 'string') return fail('not-text');
  if (raw.length > MAX_CONTROL_CHARS) return fail('too-long');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('not-json');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('not-object');
  const m = value as Record<string, unknown>;
  if (typeof m.kind !== 'string' || !['offer', 'accept', 'decline', 'cancel', 'done', 'received', 'error'].includes(m.kind)) return fail('unknown-kind');
  if (!isTransferId(m.id)) return fail('bad-field', 'id');
  const id = m.id;
  switch (m.kind) {
    case 'offer': {
      if (typeof m.name !== 'string' || m.name.length === 0 || codePoints(m.name) > MAX_NAME_CODE_POINTS) return fail('bad-field', 'name');
      if (!isSize(m.size)) return fail('bad-field', 'size');
      if (!isMimeType(m.type)) return fail('bad-field', 'type');
      return { ok: true, value: { kind: 'offer', id, name: m.name, size: m.size, type: m.type.toLowerCase() } };
    }
    case 'done':
    case 'received':
      if (typeof m.sha256 !== 'string' || !SHA256_HEX.test(m.sha256)) return fail('bad-field', 'sha256');
      return { ok: true, value: { kind: m.kind, id, sha256: m.sha256 } };
    case 'error':
      if (!REASONS.includes(m.reason as ErrorReason)) return fail('bad-field', 'reason');
      return { ok: true, value: { kind: 'error', id, reason: m.reason as ErrorReason } };
    default:
      return { ok: true, value: { kind: m.kind as 'accept' | 'decline' | 'cancel', id } };
  }
}

/** One binary frame: tag 0x01, the 8 id bytes, the offset as two big-endian uint32 (high, low), the payload. */
export function encodeChunk(id: string, offset: number, bytes: Uint8Array): ArrayBuffer {
  const frame = new Uint8Array(CHUNK_HEADER_BYTES + bytes.length);
  const view = new DataView(frame.buffer);
  frame[0] = CHUNK_TAG;
  for (let i = 0; i < ID_BYTES; i++) frame[1 + i] = parseInt(id.slice(2 * i, 2 * i + 2), 16);
  view.setUint32(9, Math.floor(offset / 2 ** 32));
  view.setUint32(13, offset % 2 ** 32);
  frame.set(bytes, CHUNK_HEADER_BYTES);
  return frame.buffer;
}

/** Reads a binary frame from the peer: header checked, payload 1..MAX_CHUNK_BYTES (a view, not a copy). */
export function parseChunk(raw: unknown, maxChunk = MAX_CHUNK_BYTES): Parsed<Chunk> {
  let frame: Uint8Array;
  if (raw instanceof ArrayBuffer) frame = new Uint8Array(raw);
  else if (ArrayBuffer.isView(raw)) frame = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  else return fail('not-binary');
  if (frame.length < CHUNK_HEADER_BYTES || frame[0] !== CHUNK_TAG) return fail('bad-header');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const high = view.getUint32(9);
  const offset = high * 2 ** 32 + view.getUint32(13);
  if (high >= 2 ** 21) return fail('bad-header', 'offset'); // beyond 2^53: not a safe integer
  const bytes = frame.subarray(CHUNK_HEADER_BYTES);
  if (bytes.length === 0) return fail('empty-chunk');
  if (bytes.length > maxChunk) return fail('chunk-too-big');
  return { ok: true, value: { id: toHex(frame.subarray(1, 1 + ID_BYTES)), offset, bytes } };
}

export type PlacementProblem = 'out-of-order' | 'beyond-size';

/**
 * Where a chunk may go: the channel is ordered and reliable, so a chunk must
 * start exactly where the bytes so far end and must not run past the offered size.
 */
export function placeChunk(received: number, size: number, chunk: Chunk): PlacementProblem | undefined {
  if (chunk.offset !== received) return 'out-of-order';
  if (chunk.bytes.length > size - received) return 'beyond-size';
  return undefined;
}
