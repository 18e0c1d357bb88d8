import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// What the browser loads (docs/architecture.md): a client component shows the forms' limits from
// zod-free modules (lib/forms/field-limits.ts), so the validation library stays on the server, and no
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

/**
 * What a file reaches by static (non-type) imports: the local modules (itself included) and the
 * packages. A "use server" module reaches the browser as references to its actions, not as code.
 */
function reached(file: string, found = { files: new Set<string>(), packages: new Set<string>() }) {
  if (found.files.has(file)) return found;
  found.files.add(file);
  const text = readFileSync(path.join(root, file), "utf8");
  if (/^"use server";/m.test(text)) return found;
  for (const [, specifier] of text.matchAll(IMPORT)) {
    if (!specifier!.startsWith(".") && !specifier!.startsWith("@/")) {
      found.packages.add(specifier!);
      continue;
    }
    const local = resolveLocal(file, specifier!);
    if (local) reached(local, found);
  }
  return found;
}

const packagesReached = (file: string) => reached(file).packages;
const filesReached = (file: string) => reached(file).files;

const clientComponents = ["app", "components"]
  .flatMap(sourceFiles)
  .filter((file) => /^"use client";/m.test(readFileSync(path.join(root, file), "utf8")));

describe("client components", () => {
  it("never import zod, directly or through a shared module", () => {
    expect(clientComponents.length).toBeGreaterThan(20);
    const withZod = clientComponents.filter((file) => packagesReached(file).has("zod"));
    expect(withZod).toEqual([]);
  });

  it('never load a catalogue or next-intl: the server passes them their words (docs/architecture.md, "Languages")', () => {
    const translating = clientComponents.filter(
      (file) =>
        [...packagesReached(file)].some((name) => name.startsWith("next-intl")) ||
        ["words/catalogue.ts", "words/translate.ts"].some((catalogue) =>
          filesReached(file).has(catalogue),
        ),
    );
    expect(translating).toEqual([]);
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
