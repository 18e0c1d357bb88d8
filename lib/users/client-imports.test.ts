import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// What the browser loads (docs/architecture.md): a client component shows the forms' limits from
// zod-free modules (lib/users/limits.ts), so the validation library stays on the server, and no
// page loads the WebAuthn helper with itself: a passkey button or form imports it when used.
const root = path.resolve(import.meta.dirname, "..", "..");
const IMPORT = /^import\s+(?!type\b)[^;]*?\sfrom\s+"([^"]+)";/gms;

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("generated") ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : path.resolve(path.dirname(path.join(root, from)), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate)) return path.relative(root, candidate);
  }
  return null;
}

/** The packages a file reaches by static (non-type) imports through local modules. */
function packagesReached(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const text = readFileSync(path.join(root, file), "utf8");
  // A "use server" module reaches the browser as references to its actions, not as code.
  if (/^"use server";/m.test(text)) return packages;
  for (const [, specifier] of text.matchAll(IMPORT)) {
    if (!specifier!.startsWith(".") && !specifier!.startsWith("@/")) {
      packages.add(specifier!);
      continue;
    }
    const local = resolveLocal(file, specifier!);
    if (local) for (const name of packagesReached(local, seen)) packages.add(name);
  }
  return packages;
}

/** The local modules a file reaches by static (non-type) imports, itself included. */
function filesReached(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(path.join(root, file), "utf8");
  for (const [, specifier] of text.matchAll(IMPORT)) {
    if (!specifier!.startsWith(".") && !specifier!.startsWith("@/")) continue;
    const local = resolveLocal(file, specifier!);
    if (local) filesReached(local, seen);
  }
  return seen;
}

const clientComponents = ["app", "components"]
  .flatMap(sourceFiles)
  .filter((file) => /^"use client";/m.test(readFileSync(path.join(root, file), "utf8")));

describe("client components", () => {
  it("never import zod, directly or through a shared module", () => {
    expect(clientComponents.length).toBeGreaterThan(20);
    const withZod = clientComponents.filter((file) => packagesReached(file).has("zod"));
    expect(withZod).toEqual([]);
  });

  it("on the account pages load the forms that appear only after a button when they appear", () => {
    const shownLater = [
      "components/passkeys/add-passkey-form.tsx",
      "components/two-factor/enable-form.tsx",
      "components/two-factor/recovery-codes.tsx",
    ];
    for (const file of [
      "components/passkeys/add-passkey.tsx",
      "components/passkeys/passkey-list.tsx",
      "components/two-factor/two-factor-panel-client.tsx",
      "components/account/change-password-form.tsx",
    ]) {
      const reached = filesReached(file);
      expect(
        shownLater.filter((later) => reached.has(later)),
        file,
      ).toEqual([]);
    }
  });

  it("load the WebAuthn helper only when it is needed, never with a page", () => {
    const withWebAuthn = clientComponents.filter((file) =>
      packagesReached(file).has("@simplewebauthn/browser"),
    );
    expect(withWebAuthn).toEqual([]);
    // The passkey buttons of /login, /login/verify and the reset link, and "Add a passkey".
    for (const file of [
      "app/(public)/login/passkey-sign-in.tsx",
      "components/passkeys/use-passkey-prompt.ts",
      "components/passkeys/add-passkey-form.tsx",
    ]) {
      const text = readFileSync(path.join(root, file), "utf8");
      expect(text, file).toMatch(/import\("@simplewebauthn\/browser"\)/);
    }
  });
});
