// /backend/settings/general's save (docs/rules.md, "Languages" and rule 29), through the real
// server action with the session, the request and Next's cache stubbed: only English, Deutsch,
// Français and Español are stored; a form read before another admin's save never overwrites it;
// a change is audited as a settings change.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentSession } from "@/lib/auth/session";
import type { FormState } from "@/lib/forms/form-state";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const admin = vi.hoisted(() => ({ session: null as CurrentSession | null }));
vi.mock("@/lib/auth/session", () => ({
  getSession: async () => admin.session,
  homeFor: () => "/backend",
}));
vi.mock("@/lib/http/request-context", () => ({
  requestContext: async () => ({ clientAddress: "192.0.2.1", userAgent: "vitest/agent" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next-intl/server", async () => {
  const { translatorFor } = await import("@/words/translate");
  return {
    getTranslations: async (namespace: string) => {
      const [root, ...rest] = namespace.split(".");
      const t = translatorFor("en", root as "admin");
      return (key: string) => t([...rest, key].join(".") as never);
    },
  };
});

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { readSettingsForEditing, saveSettingsAt } = await import("@/lib/settings/settings");
const { createAccount } = await import("../support/db-accounts");
const { saveGeneralSettingsAction } =
  await import("@/app/(backend)/backend/settings/general/actions");

const save = (fields: Record<string, string>): Promise<FormState> => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return saveGeneralSettingsAction({ status: "idle" }, form);
};
const settingsChanges = () =>
  db.auditEvent.findMany({ where: { type: "settings_changed" }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  const account = await createAccount("ADMIN");
  admin.session = {
    signInId: "sign-in-1",
    stage: "COMPLETE",
    user: { id: account.id, email: account.email, role: "ADMIN", name: "Ada" },
  } as CurrentSession;
});

beforeEach(async () => {
  await db.settings.deleteMany();
  await db.auditEvent.deleteMany({ where: { type: "settings_changed" } });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

describe("saving the default language", () => {
  it("stores one of the four languages, answers with what is stored, and audits the change", async () => {
    const state = await save({ version: "0", defaultLanguage: "fr" });
    expect(state).toMatchObject({
      status: "success",
      message: "Settings saved",
      values: { version: "1", defaultLanguage: "fr" },
    });
    expect((await readSettingsForEditing()).settings.defaultLanguage).toBe("fr");
    const [event] = await settingsChanges();
    expect(event).toMatchObject({ actorEmail: admin.session!.user.email });
    expect(JSON.parse(event!.details!)).toEqual({
      old_defaultLanguage: "en",
      new_defaultLanguage: "fr",
    });

    // The form shows what is stored: saving it again writes and audits nothing.
    expect(await save({ version: "1", defaultLanguage: "fr" })).toMatchObject({
      status: "success",
      values: { version: "1", defaultLanguage: "fr" },
    });
    expect(await settingsChanges()).toHaveLength(1);
  });

  it.each(["ja", "EN", "en-XA", "", "de-DE"])(
    "refuses %j at the field and stores nothing",
    async (value) => {
      await saveSettingsAt(0, { defaultLanguage: "de" });
      const state = await save({ version: "1", defaultLanguage: value });
      expect(state.status).toBe("error");
      expect(state.fieldErrors?.defaultLanguage).toBe("Reload the page and try again.");
      const stored = await readSettingsForEditing();
      expect(stored).toMatchObject({ version: 1, settings: { defaultLanguage: "de" } });
      expect(await settingsChanges()).toHaveLength(0);
    },
  );

  it("refuses a form read before another admin's save, and shows that admin's choice", async () => {
    await saveSettingsAt(0, { defaultLanguage: "es" });
    // Another admin saves meanwhile (version 1 → 2).
    expect(await saveSettingsAt(1, { defaultLanguage: "de" })).toBe(true);

    const state = await save({ version: "1", defaultLanguage: "fr" });
    expect(state).toMatchObject({
      status: "error",
      message: expect.stringContaining("Another admin saved these settings"),
      values: { version: "2", defaultLanguage: "de" },
    });
    expect((await readSettingsForEditing()).settings.defaultLanguage).toBe("de");
    expect(await settingsChanges()).toHaveLength(0);
  });
});
