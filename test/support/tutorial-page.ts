/**
 * A minimal client that speaks only the tutorial protocol, written the way the
 * tutorial's own page is: socket.io from /socket.io/socket.io.js, `join`, offer
 * on `otherjoin`, descriptions sent as they are (they serialise to {type, sdp}),
 * candidates as {type: 'candidate', label, id, candidate}, no data channel.
 */
export function tutorialPage(room: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>tutorial client</title>
<script src="/socket.io/socket.io.js"></script></head>
<body>
<video id="localvideo" autoplay muted playsinline></video>
<video id="remotevideo" autoplay playsinline></video>
<p id="state">init</p>
<script>
var roomid = ${JSON.stringify(room)};
var state = 'init';
var pc = null;
var localStream = null;
var socket = null;
function setState(s) { state = s; document.getElementById('state').textContent = s; }
function sendMessage(room, data) { socket.emit('message', room, data); }
function createPeerConnection() {
  pc = new RTCPeerConnection();
  pc.onicecandidate = function (e) {
    if (e.candidate) sendMessage(roomid, { type: 'candidate', label: e.candidate.sdpMLineIndex, id: e.candidate.sdpMid, candidate: e.candidate.candidate });
  };
  pc.ontrack = function (e) { document.getElementById('remotevideo').srcObject = e.streams[0]; };
}
function bindTracks() { localStream.getTracks().forEach(function (t) { pc.addTrack(t, localStream); }); }
function call() {
  if (state !== 'joined_conn') return;
  pc.createOffer({ offerToReceiveAudio: 1, offerToReceiveVideo: 1 }).then(function (desc) {
    pc.setLocalDescription(desc);
    sendMessage(roomid, desc);
  });
}
function hangup() { if (pc) { pc.close(); pc = null; } }
function conn() {
  socket = io.connect();
  socket.on('joined', function (room, id) { setState('joined'); createPeerConnection(); bindTracks(); });
  socket.on('otherjoin', function (room) {
    if (state === 'joined_unbind') { createPeerConnection(); bindTracks(); }
    setState('joined_conn');
    call();
  });
  socket.on('full', function () { setState('full'); });
  socket.on('bye', function () { setState('joined_unbind'); hangup(); });
  socket.on('message', function (room, data) {
    if (data === null || data === undefined) return;
    if (data.hasOwnProperty('type') && data.type === 'offer') {
      pc.setRemoteDescription(new RTCSessionDescription(data));
      pc.createAnswer().then(function (desc) { pc.setLocalDescription(desc); sendMessage(roomid, desc); });
    } else if (data.hasOwnProperty('type') && data.type === 'answer') {
      pc.setRemoteDescription(new RTCSessionDescription(data));
    } else if (data.hasOwnProperty('type') && data.type === 'candidate') {
      pc.addIceCandidate(new RTCIceCandidate({ sdpMLineIndex: data.label, candidate: data.candidate }));
    }
  });
  socket.emit('join', roomid);
}
navigator.mediaDevices.getUserMedia({ audio: true, video: true }).then(function (stream) {
  localStream = stream;
  document.getElementById('localvideo').srcObject = stream;
  conn();
});
</script>
</body></html>`;
}
