import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// sign-ins.ts is the only writer of the SignIn table (docs/architecture.md, "The life of a
// sign-in"): any other module that creates, updates or deletes a row there fails this test.
const root = path.resolve(import.meta.dirname, "..", "..");
const WRITE = /\.signIn\s*\.\s*(create|createMany|update|updateMany|upsert|delete|deleteMany)\b/;

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory())
      return entry.name === "generated" || entry.name === "generated-pg"
        ? []
        : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe("the SignIn table", () => {
  it("is written by lib/auth/sign-in-rows.ts alone", () => {
    const files = ["app", "components", "lib", "cli"].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    const writers = files.filter((file) => WRITE.test(readFileSync(path.join(root, file), "utf8")));
    expect(writers).toEqual(["lib/auth/sign-in-rows.ts"]);
  });
});
