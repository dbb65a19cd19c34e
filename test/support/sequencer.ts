/**
 * The order files start in. Vitest's own order (on a clean checkout the largest first; once it has
 * run, the slowest first) is kept within each kind of file, and the kinds are arranged so that the
 * two workers keep both cores busy to the end:
 * - first the files driving another engine (`test/browsers/`) or network namespaces (`test/lan/`):
 *   short files that run long, each starting browsers of its own (a Firefox takes seconds to start)
 *   or namespace hosts; by size alone the Firefox pair came last and ran alone for its last 12 s;
 * - then the Chromium files (`test/browser/`, a page costs Chromium a core or more) spread evenly
 *   among the files that mostly wait (`test/integration/`, `test/process/`, `test/redis/`: timers,
 *   started processes), so that a worker waiting runs beside one computing;
 * - last the unit files: short and bound by the CPU, they end the run with both workers busy
 *   where files that wait left one core idle.
 * Whatever CPU the tests leave idle goes to the type and lint checks (scripts/test.mjs).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW_SETUPS = /[\\/]test[\\/](browsers|lan)[\\/]/;
const CHROMIUM = /[\\/]test[\\/]browser[\\/]/;
const UNIT = /[\\/]test[\\/]unit[\\/]/;

/** `lists` merged so that each keeps its order and is spread evenly over the result. */
export function spreadEvenly<T>(...lists: readonly (readonly T[])[]): T[] {
  const placed = lists.flatMap((list) => list.map((item, index) => ({ item, at: (index + 0.5) / list.length })));
  return placed.sort((a, b) => a.at - b.at).map(({ item }) => item);
}

/** `files` in the order above (each kind in the order given). */
export function arrange<T>(files: readonly T[], id: (file: T) => string): T[] {
  const of = (pattern: RegExp) => files.filter((file) => pattern.test(id(file)));
  const waiting = files.filter((file) => ![SLOW_SETUPS, CHROMIUM, UNIT].some((pattern) => pattern.test(id(file))));
  return [...of(SLOW_SETUPS), ...spreadEvenly(of(CHROMIUM), waiting), ...of(UNIT)];
}

export class RunOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return arrange(await super.sort(files), (file) => file.moduleId);
  }
}
