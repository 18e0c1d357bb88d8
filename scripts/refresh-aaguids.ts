// Refreshes lib/passkeys/aaguid-names.json, the names of passkey providers by AAGUID
// (docs/rules.md, rule 18, "Passkey names"), from the community list kept at
// github.com/passkeydeveloper/passkey-authenticator-aaguids (aaguid.json). Only id → name is
// kept: no icons. `npx tsx scripts/refresh-aaguids.ts` downloads it; `-- <file>` reads a copy
// already on disk (a machine without internet). An empty list (the list's maintainers say it is
// emptied when retired) is refused rather than written.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SOURCE_REPOSITORY =
  "https://github.com/passkeydeveloper/passkey-authenticator-aaguids";
const SOURCE_URL =
  "https://raw.githubusercontent.com/passkeydeveloper/passkey-authenticator-aaguids/main/aaguid.json";
const OUTPUT = path.resolve(import.meta.dirname, "..", "lib", "passkeys", "aaguid-names.json");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** id → name of every entry with a lowercase UUID and a non-empty name, sorted by id. */
export function namesFrom(list: unknown): Record<string, string> {
  if (!list || typeof list !== "object") throw new Error("The AAGUID list is not an object");
  const names: Record<string, string> = {};
  for (const [id, entry] of Object.entries(list).sort(([a], [b]) => a.localeCompare(b))) {
    const name = (entry as { name?: unknown })?.name;
    const aaguid = id.toLowerCase();
    if (UUID.test(aaguid) && typeof name === "string" && name.trim()) names[aaguid] = name.trim();
  }
  if (Object.keys(names).length === 0) throw new Error("The AAGUID list is empty: not written");
  return names;
}

async function main() {
  const file = process.argv[2];
  const list: unknown = file
    ? JSON.parse(readFileSync(file, "utf8"))
    : await (await fetch(SOURCE_URL)).json();
  const document = {
    source: `${SOURCE_REPOSITORY} (aaguid.json)`,
    licence: "MIT (the source repository's licence, as listed on GitHub)",
    retrieved: new Date().toISOString().slice(0, 10),
    names: namesFrom(list),
  };
  writeFileSync(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`${Object.keys(document.names).length} names written to ${OUTPUT}`);
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) await main();
