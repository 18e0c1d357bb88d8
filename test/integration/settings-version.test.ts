// docs/rules.md, rule 29: the two-factor settings form saves only at the version it was read at,
// so a form read before another admin's save never overwrites it.
import { afterAll, describe, expect, it } from "vitest";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { readSettingsForEditing, saveSettingsAt } = await import("@/lib/settings/settings");

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

describe("saveSettingsAt", () => {
  it("writes at the version read, and refuses a version another save has passed", async () => {
    await db.settings.deleteMany();
    const first = await readSettingsForEditing();
    expect(first.version).toBe(0);
    expect(await saveSettingsAt(0, { companyName: "Acme" })).toBe(true);
    // A second form read before the row existed.
    expect(await saveSettingsAt(0, { companyName: "Stale" })).toBe(false);

    const read = await readSettingsForEditing();
    expect(read.settings.companyName).toBe("Acme");
    expect(await saveSettingsAt(read.version, { requireTwoFactor: "ADMINS" })).toBe(true);
    expect(await saveSettingsAt(read.version, { requireTwoFactor: "NOBODY" })).toBe(false);

    const now = await readSettingsForEditing();
    expect(now.version).toBe(read.version + 1);
    expect(now.settings).toMatchObject({ companyName: "Acme", requireTwoFactor: "ADMINS" });
  });
});
