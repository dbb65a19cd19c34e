/**
 * The plain tutorial page (bench-only), written the way the learn.webrtc.com
 * tutorial teaches it: the camera starts on load, the socket connects on load,
 * Join only sends `join`, the one who gets `otherjoin` creates the connection
 * and the offer, the other creates its connection when the offer arrives, and
 * ICE candidates trickle over `message`. Nothing is prepared ahead. Served by
 * the bare Socket.IO relay (bench/baseline-sio.ts) with Socket.IO's own client.
 * Same page contract as duet's room page for the bench: #join, #status, video#remote.
 */
export const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>plain tutorial page</title>
<button id="join">Join</button> <span id="status">idle</span>
<video id="local" autoplay playsinline muted></video><video id="remote" autoplay playsinline></video>
<script src="/socket.io/socket.io.js"></script>
<script>
const room = decodeURIComponent(location.pathname.split('/').pop());
const socket = io();
let stream, pc;
navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then((s) => { stream = s; local.srcObject = s; });
const send = (data) => socket.emit('message', room, data);
function createPeer() {
  pc = new RTCPeerConnection();
  pc.onicecandidate = (e) => { if (e.candidate) send({ type: 'candidate', label: e.candidate.sdpMLineIndex, id: e.candidate.sdpMid, candidate: e.candidate.candidate }); };
  pc.ontrack = (e) => { remote.srcObject = e.streams[0]; };
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
}
join.onclick = () => socket.emit('join', room);
socket.on('joined', () => { status.textContent = 'joined'; });
socket.on('otherjoin', async () => {
  createPeer();
  await pc.setLocalDescription(await pc.createOffer());
  send({ type: 'offer', sdp: pc.localDescription.sdp });
});
socket.on('message', async (r, m) => {
  if (m.type === 'offer') {
    createPeer();
    await pc.setRemoteDescription(m);
    await pc.setLocalDescription(await pc.createAnswer());
    send({ type: 'answer', sdp: pc.localDescription.sdp });
  } else if (m.type === 'answer') await pc.setRemoteDescription(m);
  else if (m.type === 'candidate') await pc.addIceCandidate({ candidate: m.candidate, sdpMLineIndex: m.label, sdpMid: m.id });
});
</script>
`;
