/**
 * English and Simplified Chinese strings. The language comes from a saved
 * choice, else the browser's languages; `applyI18n` fills `data-i18n*` elements.
 */
export type Lang = 'en' | 'zh';

const en = {
  'app.tagline': 'Private one-to-one video calls, served from your own machine.',
  'home.room': 'Room name',
  'home.join': 'Join room',
  'home.new': 'New room',
  'home.recent': 'Recent rooms',
  'home.invalid': 'Room names are 1 to 64 letters or digits, and may use "-", "_" and ".".',
  'prejoin.title': 'Ready to join?',
  'prejoin.camera': 'Camera',
  'prejoin.mic': 'Microphone',
  'prejoin.level': 'Microphone level',
  'prejoin.name': 'Your name',
  'prejoin.namePlaceholder': 'Guest',
  'prejoin.join': 'Join',
  'prejoin.retry': 'Try again',
  'room.label': 'Room',
  'control.mute': 'Mute',
  'control.unmute': 'Unmute',
  'control.cameraOff': 'Camera off',
  'control.cameraOn': 'Camera on',
  'control.switch': 'Switch camera',
  'control.share': 'Share screen',
  'control.stopShare': 'Stop sharing',
  'control.fullscreen': 'Fullscreen',
  'control.chat': 'Chat',
  'control.stats': 'Statistics',
  'control.hangup': 'Hang up',
  'control.rejoin': 'Join again',
  'control.home': 'Home',
  'status.idle': 'Check your camera and microphone, then join.',
  'status.joining': 'Joining the room…',
  'status.waiting': 'Waiting for the other person to join. Share this link:',
  'status.connecting': 'Connecting to the other person…',
  'status.connected': 'Connected',
  'status.reconnecting': 'The connection dropped. Reconnecting…',
  'status.left': 'The other person left. Waiting for someone to join this link:',
  'status.full': 'This room is full: two people are already in it. Try another room.',
  'status.unreachable': 'Cannot reach the duet server. Retrying…',
  'status.offline': 'Connected. The server is unreachable; the call goes on and duet keeps retrying.',
  'status.ended': 'You left the call.',
  'status.error': 'The server refused: {detail}',
  'link.copy': 'Copy link',
  'link.copied': 'Copied',
  'link.scan': 'Scan to join on a phone',
  'badge.muted': 'Microphone muted',
  'badge.cameraOff': 'Camera off',
  'badge.screen': 'Sharing screen',
  'chat.title': 'Chat',
  'chat.placeholder': 'Type a message',
  'chat.send': 'Send',
  'chat.you': 'You',
  'chat.them': 'Them',
  'chat.unavailable': 'Chat works once the other person is connected with duet.',
  'stats.title': 'Statistics',
  'stats.path': 'Connection path',
  'stats.rtt': 'Round-trip time',
  'stats.bitrateOut': 'Sending',
  'stats.bitrateIn': 'Receiving',
  'stats.videoOut': 'Video sent',
  'stats.videoIn': 'Video received',
  'stats.loss': 'Packet loss (received)',
  'stats.codecs': 'Codecs',
  'stats.setup': 'Call setup time',
  'stats.none': 'No call yet',
  'problem.insecure': 'Camera and microphone need a secure page. Open the https:// address duet printed and trust its certificate authority on this device (see the README).',
  'problem.noWebrtc': 'This browser cannot make video calls (no WebRTC). Use a current Chrome, Edge, Firefox or Safari.',
  'problem.denied': 'Camera and microphone access was denied. Allow it in the address bar, then press Try again. You can still join to see and hear the other person.',
  'problem.noCamera': 'No camera found: you will join with your microphone only.',
  'problem.noDevices': 'No camera or microphone found: you can join to see and hear the other person.',
  'problem.busy': 'Your camera is in use by another application. Close it and press Try again, or join with the microphone only.',
  'problem.busyAll': 'Your camera and microphone are in use by another application. Close it and press Try again, or join to watch and listen.',
  'problem.other': 'The camera or microphone could not be started ({detail}).',
  'problem.share': 'Screen sharing did not start.',
  'problem.switch': 'Could not switch the camera.',
  'shortcuts': 'Shortcuts: M microphone, V camera, W switch camera, D share screen, F fullscreen, C chat, I statistics, Shift+H hang up.',
} as const;

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  'app.tagline': '私密的一对一视频通话，由你自己的电脑提供服务。',
  'home.room': '房间名',
  'home.join': '加入房间',
  'home.new': '新建房间',
  'home.recent': '最近的房间',
  'home.invalid': '房间名为 1 到 64 个字母或数字，可以包含 “-”、“_” 和 “.”。',
  'prejoin.title': '准备好加入了吗？',
  'prejoin.camera': '摄像头',
  'prejoin.mic': '麦克风',
  'prejoin.level': '麦克风音量',
  'prejoin.name': '你的名字',
  'prejoin.namePlaceholder': '访客',
  'prejoin.join': '加入',
  'prejoin.retry': '重试',
  'room.label': '房间',
  'control.mute': '静音',
  'control.unmute': '取消静音',
  'control.cameraOff': '关闭摄像头',
  'control.cameraOn': '打开摄像头',
  'control.switch': '切换摄像头',
  'control.share': '共享屏幕',
  'control.stopShare': '停止共享',
  'control.fullscreen': '全屏',
  'control.chat': '聊天',
  'control.stats': '统计',
  'control.hangup': '挂断',
  'control.rejoin': '重新加入',
  'control.home': '首页',
  'status.idle': '检查摄像头和麦克风，然后加入。',
  'status.joining': '正在加入房间…',
  'status.waiting': '正在等待对方加入。分享这个链接：',
  'status.connecting': '正在连接对方…',
  'status.connected': '已连接',
  'status.reconnecting': '连接中断，正在重新连接…',
  'status.left': '对方已离开（left）。正在等待有人通过此链接加入：',
  'status.full': '房间已满：里面已经有两个人。请换一个房间。',
  'status.unreachable': '无法连接到 duet 服务器，正在重试…',
  'status.offline': '已连接。服务器暂时无法访问；通话继续，duet 会持续重试。',
  'status.ended': '你已离开通话。',
  'status.error': '服务器拒绝了请求：{detail}',
  'link.copy': '复制链接',
  'link.copied': '已复制',
  'link.scan': '用手机扫码加入',
  'badge.muted': '麦克风已静音',
  'badge.cameraOff': '摄像头已关闭',
  'badge.screen': '正在共享屏幕',
  'chat.title': '聊天',
  'chat.placeholder': '输入消息',
  'chat.send': '发送',
  'chat.you': '我',
  'chat.them': '对方',
  'chat.unavailable': '对方用 duet 连接后才能聊天。',
  'stats.title': '统计',
  'stats.path': '连接路径',
  'stats.rtt': '往返时间',
  'stats.bitrateOut': '发送',
  'stats.bitrateIn': '接收',
  'stats.videoOut': '发送的视频',
  'stats.videoIn': '接收的视频',
  'stats.loss': '丢包率（接收）',
  'stats.codecs': '编解码器',
  'stats.setup': '通话建立时间',
  'stats.none': '尚未通话',
  'problem.insecure': '摄像头和麦克风需要安全页面。请打开 duet 显示的 https:// 地址，并在本设备上信任它的证书颁发机构（见 README）。',
  'problem.noWebrtc': '此浏览器不能进行视频通话（不支持 WebRTC）。请使用新版 Chrome、Edge、Firefox 或 Safari。',
  'problem.denied': '摄像头和麦克风权限被拒绝。请在地址栏中允许，然后点“重试”。你仍可以加入，看到并听到对方。',
  'problem.noCamera': '没有找到摄像头：将只用麦克风加入。',
  'problem.noDevices': '没有找到摄像头或麦克风：你可以加入，看到并听到对方。',
  'problem.busy': '摄像头正被其他应用占用。关闭该应用后点“重试”，或只用麦克风加入。',
  'problem.busyAll': '摄像头和麦克风正被其他应用占用。关闭该应用后点“重试”，或加入只看只听。',
  'problem.other': '无法启动摄像头或麦克风（{detail}）。',
  'problem.share': '屏幕共享没有开始。',
  'problem.switch': '无法切换摄像头。',
  'shortcuts': '快捷键：M 麦克风，V 摄像头，W 切换摄像头，D 共享屏幕，F 全屏，C 聊天，I 统计，Shift+H 挂断。',
};

const TABLES: Record<Lang, Record<Key, string>> = { en, zh };
const STORAGE_KEY = 'duet.lang';
let current: Lang = 'en';

export function detectLang(): Lang {
  const saved = safeGet(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export function t(key: Key, vars: Record<string, string> = {}): string {
  return TABLES[current][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

export function lang(): Lang {
  return current;
}

/** Sets the language, fills every `data-i18n`, `data-i18n-placeholder` and `data-i18n-title` element. */
export function applyI18n(next: Lang, root: ParentNode = document): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as Key);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder as Key);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle as Key);
}

/** Wires a `<select>` of languages; `onChange` re-renders anything set from code. */
export function bindLangSwitch(select: HTMLSelectElement, onChange: () => void): void {
  select.value = current;
  select.addEventListener('change', () => {
    const next = select.value === 'zh' ? 'zh' : 'en';
    safeSet(STORAGE_KEY, next);
    applyI18n(next);
    onChange();
  });
}

export function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function safeSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: not remembered */
  }
}
