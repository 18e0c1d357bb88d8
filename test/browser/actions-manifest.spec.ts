// Every server action in the build is made by the one guarded builder, and every route handler
// by its twin (docs/architecture.md, "Server actions", "Route handlers"), so a new one cannot
// forget to check who calls it or what it was sent.
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

type Statement = ts.Statement;

const isExported = (statement: Statement) =>
  ts
    .getModifiers(statement as ts.HasModifiers)
    ?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;

/** What a module-level `const name = …` is: the callee's name when it is a call. */
function initializerOf(statements: readonly Statement[], name: string): string | null {
  for (const statement of statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== name) continue;
      const init = declaration.initializer;
      if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression)) {
        return `a call to ${init.expression.text}`;
      }
      return "another expression";
    }
  }
  return null;
}

/**
 * How the module defines the export: the callee's name when it is `export const x = f(…)`, or
 * `const y = f(…)` exported as `export { y as x }`.
 */
function definitionOf(file: string, exportedName: string): string {
  const { statements } = ts.createSourceFile(
    file,
    readFileSync(path.join(root, file), "utf8"),
    ts.ScriptTarget.Latest,
  );
  for (const statement of statements) {
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      const specifier = statement.exportClause.elements.find((e) => e.name.text === exportedName);
      if (specifier) {
        const local = (specifier.propertyName ?? specifier.name).text;
        return initializerOf(statements, local) ?? "an import passed on";
      }
    }
    if (!isExported(statement)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === exportedName) {
      return "a function declaration";
    }
    if (ts.isVariableStatement(statement)) {
      const found = initializerOf([statement], exportedName);
      if (found) return found;
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

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The route handlers of app/api in the build, as source files. */
function routeHandlersInBuild(): string[] {
  const manifest = JSON.parse(
    readFileSync(path.join(root, distDir, "server", "app-paths-manifest.json"), "utf8"),
  ) as Record<string, string>;
  return Object.entries(manifest)
    .filter(([route]) => route.startsWith("/api/") && route.endsWith("/route"))
    .map(([, built]) => built.replace(/\.js$/, ".ts"));
}

test("every route handler of app/api in the build is made by guardedRoute", () => {
  const files = routeHandlersInBuild();
  // At least: next-auth, health, and the six passkey routes.
  expect(files.length).toBeGreaterThanOrEqual(8);
  const definitions: Record<string, string> = {};
  for (const file of files) {
    const source = readFileSync(path.join(root, file), "utf8");
    const methods = HTTP_METHODS.filter((m) =>
      new RegExp(`export (const|async function|function) ${m}\\b|\\bas ${m}\\b`).test(source),
    );
    expect(methods.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
    for (const method of methods) definitions[`${file} ${method}`] = definitionOf(file, method);
  }
  const expected = Object.fromEntries(
    Object.keys(definitions).map((k) => [k, "a call to guardedRoute"]),
  );
  expect(definitions).toEqual(expected);
});
