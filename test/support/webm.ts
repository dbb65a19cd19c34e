/**
 * The codec ids of a WebM file's tracks (Matroska's CodecID, such as V_VP8, V_VP9 and A_OPUS), read by walking
 * its EBML elements: Segment, then Tracks, then each TrackEntry. MediaRecorder writes the Segment with an
 * unknown size, and the Tracks before the first Cluster.
 */
const SEGMENT = 0x18538067;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const CODEC_ID = 0x86;

/** An EBML variable-length number at `at`: its value (`marker` keeps the length bit, as element ids do) and length. */
function vint(bytes: Uint8Array, at: number, marker: boolean): { value: number; length: number; unknown: boolean } {
  const first = bytes[at]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8) throw new Error(`bad EBML number at ${at}`);
  let value = marker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    if (bytes[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !marker && allOnes };
}

/** Each element in bytes[start, end): id, where its data starts and ends (unknown sizes run to `end`). */
function* elements(bytes: Uint8Array, start: number, end: number): Generator<{ id: number; from: number; to: number }> {
  let at = start;
  while (at < end) {
    const id = vint(bytes, at, true);
    const size = vint(bytes, at + id.length, false);
    const from = at + id.length + size.length;
    const to = size.unknown ? end : Math.min(end, from + size.value);
    yield { id: id.value, from, to };
    at = to;
  }
}

export function webmCodecIds(bytes: Uint8Array): string[] {
  const ids: string[] = [];
  for (const top of elements(bytes, 0, bytes.length)) {
    if (top.id !== SEGMENT) continue;
    for (const part of elements(bytes, top.from, top.to)) {
      if (part.id !== TRACKS) continue;
      for (const entry of elements(bytes, part.from, part.to)) {
        if (entry.id !== TRACK_ENTRY) continue;
        for (const field of elements(bytes, entry.from, entry.to))
          if (field.id === CODEC_ID) ids.push(Buffer.from(bytes.subarray(field.from, field.to)).toString('latin1'));
      }
      return ids;
    }
  }
  return ids;
}
