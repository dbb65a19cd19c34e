/**
 * Opus as the audio-first ladder wants it (docs/page.md): in-band forward error correction
 * (`useinbandfec=1`), so a lost audio packet is rebuilt from the next one. The fmtp line of a
 * description says what its writer wants to receive, so the line is set in the descriptions we send:
 * the other browser then encodes with FEC for us. Chromium and Firefox already offer it; this keeps it
 * whatever the browser's default. DTX is left off (docs/page.md says why). Pure.
 */

/** The Opus payload types of an SDP (`a=rtpmap:<pt> opus/48000/2`). */
function opusPayloadTypes(sdp: string): string[] {
  return [...sdp.matchAll(/^a=rtpmap:(\d+) opus\/48000/gim)].map((m) => m[1]!);
}

/** `sdp` with useinbandfec=1 on every Opus fmtp line (one added where Opus has none). */
export function withOpusFec(sdp: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  let out = sdp;
  for (const pt of opusPayloadTypes(sdp)) {
    const fmtp = new RegExp(`^a=fmtp:${pt} (.*)$`, 'm');
    const line = fmtp.exec(out);
    if (line) {
      const params = line[1]!.replace(/\r$/, '');
      if (/(^|;)\s*useinbandfec=1\s*(;|$)/.test(params)) continue;
      const kept = params.split(';').filter((p) => p.trim() !== '' && !/^\s*useinbandfec=/.test(p));
      out = out.replace(fmtp, `a=fmtp:${pt} ${[...kept, 'useinbandfec=1'].join(';')}${line[1]!.endsWith('\r') ? '\r' : ''}`);
    } else {
      out = out.replace(new RegExp(`^(a=rtpmap:${pt} opus/48000[^\\r\\n]*)`, 'm'), `$1${eol}a=fmtp:${pt} useinbandfec=1`);
    }
  }
  return out;
}
