/**
 * The order files start in: vitest's own (on a clean checkout the largest first; once it has run,
 * the slowest first), except that the files driving another engine (`test/browsers/`) or network
 * namespaces (`test/lan/`) go first. They are short files that run long: each starts browsers of
 * its own (a Firefox takes seconds to start) or namespace hosts, and on a clean checkout, ordered
 * by size, the Firefox pair came last and ran alone for its last 12 s while the other worker had
 * nothing left. At the start they overlap the type and lint checks (scripts/test.mjs).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const FIRST = /[\\/]test[\\/](browsers|lan)[\\/]/;

export class SlowSetupsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((file) => FIRST.test(file.moduleId)), ...sorted.filter((file) => !FIRST.test(file.moduleId))];
  }
}
