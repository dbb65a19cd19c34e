/**
 * Chinese strings of duet as an installed app (the offline page, the speaker picker, "tap to hear"); part of `zh`.
 */
import type { enApp } from './strings-en-app.js';

export const zhApp: Record<keyof typeof enApp, string> = {
  'offline.title': '无法连接 duet 服务器',
  'offline.text': '这台设备无法连接位于 {address} 的 duet 服务器。请确认运行 duet 的电脑已开机，并且这台设备和它在同一个网络上。',
  'offline.retry': '重试',
  'offline.auto': '网络恢复后，duet 会自动重试。',
  'speaker.label': '扬声器',
  'speaker.default': '默认输出',
  'speaker.device': '输出设备 {n}',
  'audio.tap': '点按收听',
  'audio.tapHelp': '浏览器没有允许对方的声音自动播放。',
};
