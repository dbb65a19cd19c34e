/**
 * 简体中文 strings of background blur, noise suppression and recording; part of `zh`.
 */
import type { enEffects } from './strings-en-effects.js';

export const zhEffects: Record<keyof typeof enEffects, string> = {
  'effects.blur': '背景虚化',
  'effects.blurOff': '关闭背景虚化',
  'effects.noise': '降噪',
  'effects.noiseOff': '关闭降噪',
  'effects.record': '录制',
  'effects.recordStop': '停止录制',
  'effects.recording': '正在本机录制',
  'effects.recordingThem': '{name} 正在录制',
  'effects.recordingSomeone': '对方正在录制',
  'effects.prejoinBlur': '虚化我的背景',
  'effects.prejoinNoise': '降低背景噪音',
  'effects.blurSlow': '背景虚化已自动关闭：这台设备处理不过来。',
  'effects.blurFailed': '这台设备无法启用背景虚化。',
  'effects.noiseFailed': '这台设备无法启用降噪。',
  'effects.recordFailed': '这个浏览器无法开始录制。',
  'effects.recordEmpty': '没有录到内容：停止得太早。请多录一会儿。',
} as const;
