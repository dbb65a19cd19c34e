/** The seven invisible additions that signed in next to "Alice" and drew as "Alice" (red-team round 3). */
export const INVISIBLE_VARIANTS = ['Alice\u034F', 'Alice\uFE0F', 'Alice\u{E0100}', 'Alice\u180B', 'Alice\u17B4', 'Alice\u3164', 'Alice\u115F'];
