/**
 * English strings of background blur, noise suppression and recording; part of `en`.
 */
export const enEffects = {
  'effects.blur': 'Blur background',
  'effects.blurOff': 'Stop blurring',
  'effects.noise': 'Reduce noise',
  'effects.noiseOff': 'Stop reducing noise',
  'effects.record': 'Record',
  'effects.recordStop': 'Stop recording',
  'effects.recording': 'Recording on this device',
  'effects.recordingThem': '{name} is recording',
  'effects.recordingSomeone': 'The other person is recording',
  'effects.prejoinBlur': 'Blur my background',
  'effects.prejoinNoise': 'Reduce background noise',
  'effects.blurSlow': 'Background blur turned itself off: this device could not keep up.',
  'effects.blurFailed': 'Background blur could not start on this device.',
  'effects.noiseFailed': 'Noise reduction could not start on this device.',
  'effects.recordFailed': 'Recording could not start in this browser.',
  'effects.recordEmpty': 'Nothing was recorded: it stopped too soon. Record a little longer.',
} as const;
