// Every server action in the build is made by the one guarded builder (docs/architecture.md,
// "Server actions"), so a new action cannot forget to check who calls it or what it was sent.
// The list comes from the build the suite runs against, not from a list kept by hand.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..", "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";

type ManifestEntry = { filename: string; exportedName: string };

function actionsInBuild(): ManifestEntry[] {
  const manifest = JSON.parse(
    readFileSync(path.join(root, distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, ManifestEntry> };
  return Object.values(manifest.node);
}

/** How the module defines the export: the callee's name when it is `export const x = f(…)`. */
function definitionOf(file: string, exportedName: string): string {
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(root, file), "utf8"),
    ts.ScriptTarget.Latest,
  );
  for (const statement of source.statements) {
    const exported = ts
      .getModifiers(statement as ts.HasModifiers)
      ?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === exportedName) {
      return "a function declaration";
    }
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== exportedName) continue;
      const init = declaration.initializer;
      if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression)) {
        return `a call to ${init.expression.text}`;
      }
      return "another expression";
    }
  }
  return "not found";
}

test("every server action in the build is made by guardedAction", () => {
  const actions = actionsInBuild();
  // The app has at least the actions of setup, sign-in, settings, users and the account pages.
  expect(actions.length).toBeGreaterThanOrEqual(13);
  const definitions = Object.fromEntries(
    actions.map((a) => [
      `${a.filename} ${a.exportedName}`,
      definitionOf(a.filename, a.exportedName),
    ]),
  );
  const expected = Object.fromEntries(
    Object.keys(definitions).map((k) => [k, "a call to guardedAction"]),
  );
  expect(definitions).toEqual(expected);
});

test("every server action is named for what it does, ending in Action, in an actions.ts file", () => {
  const misnamed = actionsInBuild()
    .filter(
      (a) => !/^[a-z][A-Za-z]*Action$/.test(a.exportedName) || !/\/actions\.ts$/.test(a.filename),
    )
    .map((a) => `${a.filename} ${a.exportedName}`);
  expect(misnamed).toEqual([]);
});
