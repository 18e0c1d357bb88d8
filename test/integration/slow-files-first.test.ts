import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TestSpecification } from "vitest/node";
import { SLOW_FILES, SlowFilesFirst } from "../support/slow-files-first";

const root = path.resolve(import.meta.dirname, "../..");

describe("the order of test files", () => {
  it("names only files that exist (a renamed slow file would start last again)", () => {
    for (const file of SLOW_FILES) expect(existsSync(path.join(root, file)), file).toBe(true);
  });

  it("starts the slow files first, in their order, and keeps Vitest's order for the rest", async () => {
    const spec = (file: string) =>
      ({
        moduleId: path.join(root, file),
        project: { name: "sqlite", config: { sequence: { groupOrder: 0 }, isolate: true } },
      }) as unknown as TestSpecification;
    const cache = { getFileTestResults: () => undefined, getFileStats: () => undefined };
    const sequencer = new SlowFilesFirst({ cache, config: { root } } as never);
    const files = [
      "lib/a.test.ts",
      SLOW_FILES[2]!,
      "lib/b.test.ts",
      SLOW_FILES[0]!,
      "lib/c.test.ts",
    ].map(spec);
    const sorted = await sequencer.sort(files);
    expect(sorted.map((file) => path.relative(root, file.moduleId))).toEqual([
      SLOW_FILES[0],
      SLOW_FILES[2],
      "lib/a.test.ts",
      "lib/b.test.ts",
      "lib/c.test.ts",
    ]);
  });
});
