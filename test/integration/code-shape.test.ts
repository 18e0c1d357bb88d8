import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The shape of the code (docs/architecture.md, "The layers"): small files, and imports that run
// one way — app → components → lib, and inside lib/ each feature folder importing only the
// folders listed before it. The order is read from the docs, so the two cannot drift apart.

const root = path.resolve(import.meta.dirname, "..", "..");
const MAX_LINES = 200;

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const relative = path.join(dir, name);
      if (name === "generated" || name === "generated-pg" || name === "node_modules") continue;
      if (statSync(path.join(root, relative)).isDirectory()) walk(relative);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts")) {
        found.push(relative);
      }
    }
  };
  walk(folder);
  return found;
}

const IMPORT = /(?:from|import)\s*\(?\s*["']([^"']+)["']/g;

/** Where a file's imports lead inside the repository, as paths from its root. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(IMPORT)].flatMap(([, spec]) => {
    if (spec!.startsWith("@/")) return [spec!.slice(2)];
    if (spec!.startsWith(".")) return [path.normalize(path.join(path.dirname(file), spec!))];
    return [];
  });
}

/** "lib/ folders, lowest first: `config`, `db`, …" in docs/architecture.md. */
function libOrder(): string[] {
  const docs = readFileSync(path.join(root, "docs", "architecture.md"), "utf8");
  const line = docs.split("\n").find((l) => l.startsWith("lib/ folders, lowest first:"));
  if (!line) throw new Error('docs/architecture.md has no line "lib/ folders, lowest first: …"');
  return [...line.matchAll(/`([a-z-]+)`/g)].map(([, name]) => name!);
}

const folderOf = (file: string) => file.split("/")[1]!;

describe("the shape of the code", () => {
  const files = ["app", "components", "lib"].flatMap(sourceFiles);

  it(`has no file in app/, components/ or lib/ over ${MAX_LINES} lines`, () => {
    const long = files
      .map(
        (file) =>
          [file, readFileSync(path.join(root, file), "utf8").trimEnd().split("\n").length] as const,
      )
      .filter(([, lines]) => lines > MAX_LINES)
      .map(([file, lines]) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it("imports run one way: app → components → lib, and lib never imports app or components", () => {
    const against = files.flatMap((file) =>
      importsOf(file)
        .filter(
          (target) =>
            (file.startsWith("lib/") && /^(app|components)\//.test(target)) ||
            (file.startsWith("components/") && target.startsWith("app/")),
        )
        .map((target) => `${file} imports ${target}`),
    );
    expect(against).toEqual([]);
  });

  it("words/ imports only the failures' vocabulary, so every surface (and the browser) may read it", () => {
    const against = sourceFiles("words").flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith("lib/failures/") && !target.startsWith("words/"))
        .map((target) => `${file} imports ${target}`),
    );
    expect(against).toEqual([]);
  });

  it("each folder of lib/ imports only the folders before it in the documented order", () => {
    const order = libOrder();
    const libFolders = [...new Set(files.filter((f) => f.startsWith("lib/")).map(folderOf))];
    expect(libFolders.filter((folder) => !order.includes(folder))).toEqual([]);
    const against = files
      .filter((file) => file.startsWith("lib/"))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => target.startsWith("lib/") && folderOf(target) !== folderOf(file))
          .filter((target) => order.indexOf(folderOf(target)) > order.indexOf(folderOf(file)))
          .map((target) => `${file} imports ${target}`),
      );
    expect(against).toEqual([]);
  });
});
