/**
 * English strings of the audio-first ladder and audio-only calls; part of `en`.
 */
export const enQuality = {
  'quality.notice.self': 'Poor connection: video paused to keep your voice clear',
  'quality.notice.other': "The other person's connection is poor: their video is paused to keep their voice clear",
  'quality.notice.both': 'Poor connection: video paused both ways to keep your voices clear',
  'quality.paused': 'Video paused',
  'control.audioOnly': 'Audio only',
  'control.videoBack': 'Video back on',
  'badge.audioOnly': 'Audio only',
  'remote.audioOnly': 'Audio only: no video in this call',
  'remote.paused': 'Video paused: poor connection',
  'prejoin.audioOnly': 'Start with audio only (no video, uses less data)',
} as const;
