// Vitest's order of test files on a clean clone: with no timings cached from an earlier run it
// starts the largest files first, so the few files that start servers (a build served, the
// benchmark's smoke runs, a server killed and restarted) began last and ran alone on one core
// while the other had nothing left to do. They go first here, longest first; the rest keep
// Vitest's own order (durations from its cache when there is one).
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The files that take tens of seconds, in the order they should start (measured by CI). */
export const SLOW_FILES = [
  "test/integration/bench-smoke.test.ts",
  "test/integration/http-guards.test.ts",
  "test/integration/crash-recovery.test.ts",
  "test/integration/storage-budget.test.ts",
  "test/integration/bench-accounts-smoke.test.ts",
  "test/integration/cli.test.ts",
  "test/integration/sign-in-throttle.test.ts",
  "test/integration/email-reliability.test.ts",
];

export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOW_FILES.findIndex((slow) => file.moduleId.endsWith(slow));
      return index === -1 ? SLOW_FILES.length : index;
    };
    // A stable sort: files of equal rank keep Vitest's order.
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}
