/**
 * 简体中文 strings of sending files in the call; part of `zh`.
 */
import type { enFiles } from './strings-en-files.js';

export const zhFiles: Record<keyof typeof enFiles, string> = {
  'files.pick': '发送文件',
  'files.drop': '把文件拖到这里即可发送',
  'files.you': '我',
  'files.waiting': '等待对方接收',
  'files.offered': '对方想发给你这个文件',
  'files.accept': '接收',
  'files.decline': '拒绝',
  'files.cancel': '取消',
  'files.sending': '正在发送',
  'files.receiving': '正在接收',
  'files.progress': '{done} / {size} · {speed} · 剩余 {left}',
  'files.verifying': '正在核对文件是否完整到达……',
  'files.delivered': '已送达：双方的校验值一致',
  'files.received': '已收到：双方的校验值一致。点击文件名即可保存。',
  'files.mismatch': '文件在传输中被改变（校验值不一致）：没有保存',
  'files.declinedMe': '你拒绝了这个文件',
  'files.declinedPeer': '对方拒绝了这个文件',
  'files.tooLargeMe': '已拒绝：超过了此浏览器能接收的大小',
  'files.tooLargePeer': '被拒绝：超过了对方浏览器能接收的大小',
  'files.cancelledMe': '你取消了传输',
  'files.cancelledPeer': '对方取消了传输',
  'files.failedMe': '传输在本方失败：{why}',
  'files.failedPeer': '传输在对方失败：{why}',
  'files.why.protocol': '对方发送了无效的数据',
  'files.why.read': '无法读取文件',
  'files.why.storage': '无法保存文件',
  'files.why.busy': '同时传输的文件太多',
  'files.why.too-large': '文件太大',
  'files.lost': '连接中断：传输已停止',
  'files.hash': '校验值：{hash}',
  'files.save': '保存 {name}',
};
