import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// sign-in-rows.ts is the only writer of the SignIn table's live rows, and the storage sweep's
// sign-ins-over.ts the only module that deletes rows, those that are over (docs/architecture.md,
// "The life of a sign-in"): any other module that creates, updates or deletes a row fails this test.
const root = path.resolve(import.meta.dirname, "..", "..");
const WRITE =
  /\.signIn\s*\.\s*(create|createMany|update|updateMany|upsert)\b|(INSERT INTO|UPDATE) "SignIn"/;
const DELETE = /\.signIn\s*\.\s*(delete|deleteMany)\b|DELETE FROM "SignIn"/;

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
  const files = ["app", "components", "lib", "cli"].flatMap(sourceFiles);
  const matching = (pattern: RegExp) =>
    files.filter((file) => pattern.test(readFileSync(path.join(root, file), "utf8")));

  it("is written by lib/auth/sign-in-rows.ts alone", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(matching(WRITE)).toEqual(["lib/auth/sign-in-rows.ts"]);
  });

  it("has rows deleted by the storage sweep alone, those that are over", () => {
    expect(matching(DELETE)).toEqual(["lib/maintenance/sign-ins-over.ts"]);
  });
});
