/**
 * 简体中文 strings of the audio-first ladder and audio-only calls; part of `zh`.
 */
import type { enQuality } from './strings-en-quality.js';

export const zhQuality: Record<keyof typeof enQuality, string> = {
  'quality.notice.self': '网络不佳：已暂停视频，以保证您的声音清晰',
  'quality.notice.other': '对方网络不佳：其视频已暂停，以保证声音清晰',
  'quality.notice.both': '网络不佳：双方视频均已暂停，以保证声音清晰',
  'quality.paused': '视频已暂停',
  'control.audioOnly': '仅语音',
  'control.videoBack': '恢复视频',
  'badge.audioOnly': '仅语音',
  'remote.audioOnly': '仅语音：本次通话不传视频',
  'remote.paused': '视频已暂停：网络不佳',
  'prejoin.audioOnly': '以仅语音开始（不传视频，更省流量）',
};
