/**
 * English strings of duet as an installed app: the offline page, the speaker picker and the
 * "tap to hear" control; part of `en`.
 */
export const enApp = {
  'offline.title': 'duet cannot reach its server',
  'offline.text':
    'This device cannot reach the duet server at {address}. Check that the computer running duet is on and that this device is on the same network.',
  'offline.retry': 'Try again',
  'offline.auto': 'duet tries again by itself when the network comes back.',
  'speaker.label': 'Speaker',
  'speaker.default': 'Default output',
  'speaker.device': 'Output {n}',
  'audio.tap': 'Tap to hear',
  'audio.tapHelp': 'The browser did not let the other person play with sound.',
} as const;
