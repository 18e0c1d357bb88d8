// The account's own "Language" and its "Save" (docs/rules.md, "Languages"), through the server
// action the account pages post to: one of ours or the browser's is stored, with a security-log
// entry; anything else is refused with a message and stores nothing.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentSession } from "@/lib/auth/session";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const signedIn: { session: CurrentSession | null } = { session: null };

// The request the action runs in: a German browser, signed in as `signedIn.session`.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "accept-language": "de-DE,de;q=0.9", "user-agent": "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getSession: async () => signedIn.session,
}));

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { safeUserSelect } = await import("@/lib/auth/account");
const { saveLanguageAction } = await import("@/components/account/actions");
const { createAccount } = await import("../support/db-accounts");

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

let account: { id: string; email: string };

beforeEach(async () => {
  account = await createAccount();
  const user = await db.user.findUniqueOrThrow({
    where: { id: account.id },
    select: safeUserSelect,
  });
  signedIn.session = { signInId: "test-sign-in", stage: "COMPLETE", user };
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const storedLanguage = async () =>
  (await db.user.findUniqueOrThrow({ where: { id: account.id } })).language;

const languageEntries = () =>
  db.auditEvent.findMany({ where: { subjectId: account.id, type: "account_updated" } });

describe("saveLanguageAction", () => {
  it("stores a language, says so in that language, and the form shows what is stored", async () => {
    const state = await saveLanguageAction({ status: "idle" }, form({ language: "fr" }));
    expect(state).toEqual({
      status: "success",
      message: "Langue enregistrée.",
      values: { language: "fr" },
    });
    expect(await storedLanguage()).toBe("fr");
    const [entry, ...more] = await languageEntries();
    expect(more).toEqual([]);
    expect(entry!.actorId).toBe(account.id);
    expect(JSON.parse(String(entry!.details))).toEqual({ changed: "language", language: "fr" });
  });

  it("stores the browser's language as no choice, said in the browser's language", async () => {
    await db.user.update({ where: { id: account.id }, data: { language: "es" } });
    const state = await saveLanguageAction({ status: "idle" }, form({ language: "" }));
    expect(state).toMatchObject({ status: "success", message: "Sprache gespeichert." });
    expect(state.values).toEqual({ language: "" });
    expect(await storedLanguage()).toBeNull();
  });

  it("writes no entry when the language stored is saved again", async () => {
    await saveLanguageAction({ status: "idle" }, form({ language: "de" }));
    await saveLanguageAction({ status: "idle" }, form({ language: "de" }));
    expect(await languageEntries()).toHaveLength(1);
  });

  it.each([
    ["a language we do not have", { language: "it" }],
    ["the test-only pseudo-language", { language: "en-XA" }],
    ["a region", { language: "de-DE" }],
    ["upper case", { language: "DE" }],
    ["a long value", { language: "d".repeat(10_000) }],
    ["NUL", { language: "de\u0000" }],
    ["no field at all", {}],
  ])("refuses %s with a message under the select and stores nothing", async (_case, fields) => {
    await db.user.update({ where: { id: account.id }, data: { language: "es" } });
    const state = await saveLanguageAction({ status: "idle" }, form(fields));
    expect(state.status).toBe("error");
    // The words are the failures' own (words/<locale>/failures), said under the select.
    expect(state.fieldErrors?.language).toMatch(/\S/);
    expect(state.fieldErrors?.language).not.toMatch(/reload_page/);
    expect(await storedLanguage()).toBe("es");
    expect(await languageEntries()).toEqual([]);
  });
});
