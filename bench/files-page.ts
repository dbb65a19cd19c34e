/**
 * Code that runs inside the browser for the file-transfer benchmark: two
 * RTCPeerConnections in one page with a "files" channel between them (in-band,
 * as peer.ts makes it), a bare sender of the same bytes with the same pacing,
 * and duet's transfer modules (bundled into `window.m` by files-bench.ts), hashing
 * in the page's Worker (/js/sha256.worker.js, served by the benchmark's duet) or not.
 */
export const FILES_PAGE = `(() => {
  const MIB = 1024 * 1024;
  const until = async (condition) => { while (!condition()) await new Promise((r) => setTimeout(r, 20)); };
  const pair = async () => {
    const pc1 = new RTCPeerConnection();
    const pc2 = new RTCPeerConnection();
    pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
    pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
    const dc1 = pc1.createDataChannel('files', { ordered: true });
    const remote = new Promise((r) => (pc2.ondatachannel = (e) => r(e.channel)));
    await pc1.setLocalDescription();
    await pc2.setRemoteDescription(pc1.localDescription);
    await pc2.setLocalDescription();
    await pc1.setRemoteDescription(pc2.localDescription);
    const dc2 = await remote;
    for (const dc of [dc1, dc2]) dc.binaryType = 'arraybuffer';
    await Promise.all([dc1, dc2].map((dc) => dc.readyState === 'open' || new Promise((r) => (dc.onopen = r))));
    return { dc1, dc2, close: () => (pc1.close(), pc2.close()) };
  };
  window.makeBlob = (bytes) => {
    const block = new Uint8Array(MIB);
    for (let at = 0; at < MIB; at += 65536) crypto.getRandomValues(block.subarray(at, at + 65536));
    const parts = [];
    for (let left = bytes; left > 0; left -= MIB) parts.push(block.subarray(0, Math.min(MIB, left)).map((b, i) => b ^ (left + i)));
    return (window.blob = new Blob(parts));
  };
  // the same bytes, 64 KiB messages read 1 MiB at a time, paused above 4 MiB buffered until bufferedamountlow (1 MiB)
  window.bareSend = async () => {
    const { dc1, dc2, close } = await pair();
    const blob = window.blob;
    let got = 0;
    dc2.onmessage = (e) => (got += e.data.byteLength);
    dc1.bufferedAmountLowThreshold = MIB;
    const started = performance.now();
    for (let offset = 0; offset < blob.size; offset += MIB) {
      const slice = new Uint8Array(await blob.slice(offset, offset + MIB).arrayBuffer());
      for (let at = 0; at < slice.length; at += 65536) {
        while (dc1.bufferedAmount > 4 * MIB) await new Promise((r) => (dc1.onbufferedamountlow = r));
        dc1.send(slice.subarray(at, at + 65536));
      }
    }
    await until(() => got >= blob.size);
    const seconds = (performance.now() - started) / 1000;
    close();
    return blob.size / 1e6 / seconds;
  };
  // worker: SHA-256 in a Worker per side, as the call page does; else on the page's thread
  window.duetSend = async (worker) => {
    const { dc1, dc2, close } = await pair();
    const options = worker ? { hasher: () => window.m.createWorkerHasher() } : {};
    const a = window.m.createFileTransfers(dc1, options);
    const b = window.m.createFileTransfers(dc2, options);
    dc1.onmessage = (e) => a.receive(e.data);
    dc2.onmessage = (e) => b.receive(e.data);
    let incoming;
    b.onincoming = (t) => ((incoming = t), t.accept());
    const started = performance.now();
    const out = a.send(window.blob, 'bench.bin');
    await until(() => out.state !== 'offered' && out.state !== 'transferring' && out.state !== 'verifying');
    const seconds = (performance.now() - started) / 1000;
    close();
    if (out.state !== 'complete' || incoming.state !== 'complete') throw new Error('transfer ended ' + out.state + '/' + incoming?.state);
    return window.blob.size / 1e6 / seconds;
  };
  // SHA-256 of the same bytes in the page: @noble/hashes (what the transfers use) and the native one-shot digest
  window.hashSpeeds = async () => {
    const blob = window.blob;
    let started = performance.now();
    const hash = window.m.sha256.create();
    for (let offset = 0; offset < blob.size; offset += MIB) hash.update(new Uint8Array(await blob.slice(offset, offset + MIB).arrayBuffer()));
    hash.digest();
    const noble = blob.size / 1e6 / ((performance.now() - started) / 1000);
    const whole = await blob.arrayBuffer();
    started = performance.now();
    await crypto.subtle.digest('SHA-256', whole);
    const native = blob.size / 1e6 / ((performance.now() - started) / 1000);
    return { noble, native };
  };
})()`;
