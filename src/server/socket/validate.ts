/**
 * Checks of relayed payloads (size, depth, binaries, the tutorial's shapes) without
 * serialising them. Nothing here throws.
 */
import type { ErrorCode } from '../../shared/events.js';
import { MAX_MESSAGE_BYTES } from '../config/security-config.js';

export const MAX_MESSAGE_DEPTH = 16;
/** Binary attachments per relayed payload (socket.io-parser refuses more than 10 per packet anyway). */
export const MAX_BINARY_ATTACHMENTS = 8;
export const MAX_CANDIDATE_LENGTH = 2048;
export const MAX_MID_LENGTH = 256;

export type PayloadCheck = { ok: true; bytes: number } | { ok: false; error: Extract<ErrorCode, 'invalid-message' | 'message-too-large'> };

/**
 * Measures a relayed payload without serialising it: an upper-bound estimate of its
 * JSON size, stopping as soon as it passes `limit` bytes or `maxDepth` levels.
 */
export function checkPayload(data: unknown, limit = MAX_MESSAGE_BYTES, maxDepth = MAX_MESSAGE_DEPTH): PayloadCheck {
  let bytes = 0;
  let binaries = 0;
  let tooDeep = false;
  const stack: Array<[unknown, number]> = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') bytes += value.length * 3 + 2;
    else if (value === null || typeof value === 'number' || typeof value === 'boolean') bytes += 8;
    else if (value === undefined) bytes += 4;
    else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      bytes += value.byteLength;
      if (++binaries > MAX_BINARY_ATTACHMENTS) return { ok: false, error: 'invalid-message' };
    } else if (typeof value === 'object') {
      if (depth >= maxDepth) {
        tooDeep = true;
        break;
      }
      bytes += 2;
      if (Array.isArray(value)) {
        for (const item of value) stack.push([item, depth + 1]);
        bytes += value.length;
      } else {
        for (const key of Object.keys(value)) {
          bytes += key.length * 3 + 4;
          stack.push([(value as Record<string, unknown>)[key], depth + 1]);
          if (bytes > limit) break;
        }
      }
    } else return { ok: false, error: 'invalid-message' };
    if (bytes > limit) return { ok: false, error: 'message-too-large' };
  }
  if (tooDeep) return { ok: false, error: 'invalid-message' };
  return { ok: true, bytes };
}

const DESCRIPTION_TYPES = new Set(['offer', 'answer', 'pranswer', 'rollback']);

function own(value: object, key: string): unknown {
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * Checks a payload to relay: size, depth and binaries as `checkPayload`, and the
 * tutorial's two known shapes. A description `{type, sdp}` needs a string SDP; a
 * candidate `{type: 'candidate', label, id, candidate}` needs an integer or null
 * label, a short string or null id (either may be left out) and a string
 * candidate line. Anything else of
 * reasonable size is relayed untouched.
 */
export function checkSignal(data: unknown, limit = MAX_MESSAGE_BYTES): PayloadCheck {
  const size = checkPayload(data, limit);
  if (!size.ok || data === null || typeof data !== 'object' || Array.isArray(data)) return size;
  const type = own(data, 'type');
  if (typeof type === 'string' && DESCRIPTION_TYPES.has(type)) {
    const sdp = own(data, 'sdp');
    const rollback = type === 'rollback' && (sdp === undefined || sdp === null);
    if (!rollback && typeof sdp !== 'string') return { ok: false, error: 'invalid-message' };
  } else if (type === 'candidate') {
    const label = own(data, 'label');
    const id = own(data, 'id');
    const candidate = own(data, 'candidate');
    const labelOk = label == null || (Number.isInteger(label) && (label as number) >= 0 && (label as number) <= 65535);
    const idOk = id == null || (typeof id === 'string' && id.length <= MAX_MID_LENGTH);
    const candidateOk = typeof candidate === 'string' && candidate.length <= MAX_CANDIDATE_LENGTH;
    if (!labelOk || !idOk || !candidateOk) return { ok: false, error: 'invalid-message' };
  }
  return size;
}
