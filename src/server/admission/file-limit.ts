/**
 * The process's open-file limit (`ulimit -n`), read from /proc on Linux; undefined elsewhere.
 * Called by main.ts only: importing this module reads nothing.
 */
import { readFileSync } from 'node:fs';

export function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    const value = soft === undefined ? NaN : Number(soft);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
