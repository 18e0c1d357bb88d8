// Passkey names: an unnamed passkey whose browser name the account already
// uses gets a number, and "Rename" changes only the owner's own passkey, to a name it does not
// already use, audited; bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const renamePasskey = saying((await import("@/lib/passkeys/rename")).renamePasskey);
const { passkeyConfirmationOptions } = await import("@/lib/passkeys/confirmation");
const { PASSWORD, auditEvents, createAccount, registerPasskey } =
  await import("../support/db-accounts");

const T = new Date("2030-01-01T12:00:10Z");
const CHROME_LINUX = {
  clientAddress: "203.0.113.7",
  userAgent:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme", allowPasskeys: true });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

const namesOf = async (userId: string) =>
  (await db.passkey.findMany({ where: { userId }, orderBy: { createdAt: "asc" } })).map(
    (passkey) => passkey.name,
  );

/** An account with two passkeys added without a name from the same kind of browser. */
async function accountWithTwoUnnamedPasskeys() {
  const person = { ...(await createAccount()), name: "Test User" };
  const laptop = new SoftAuthenticator();
  const unnamed = { name: "", context: CHROME_LINUX };
  await registerPasskey(person, laptop, { password: PASSWORD }, T, unnamed);
  // The second is confirmed by the first (docs/rules.md, rule 27).
  const asked = await passkeyConfirmationOptions(person, T);
  const confirmation = JSON.stringify(laptop.assert(asked!.challenge, 1));
  const phone = new SoftAuthenticator();
  const blank = { name: "  ", context: CHROME_LINUX };
  await registerPasskey(person, phone, { password: PASSWORD, confirmation }, T, blank);
  const ids = (await db.passkey.findMany({ where: { userId: person.id } })).map(({ id }) => id);
  return { person, ids };
}

describe("passkey names", () => {
  it("numbers an unnamed passkey whose browser name the account already uses", async () => {
    const { person } = await accountWithTwoUnnamedPasskeys();
    expect(await namesOf(person.id)).toEqual(["Chrome on Linux", "Chrome on Linux 2"]);
  });

  it("renames the owner's own passkey, trimmed, and audits it", async () => {
    const { person, ids } = await accountWithTwoUnnamedPasskeys();
    const renamed = await renamePasskey(
      person,
      { id: ids[0]!, name: "  Work laptop " },
      CHROME_LINUX,
    );
    expect(renamed).toEqual({ ok: true, name: "Work laptop" });
    expect(await namesOf(person.id)).toEqual(["Work laptop", "Chrome on Linux 2"]);
    const [event] = await auditEvents("passkey_renamed", person.id);
    expect(JSON.parse(String(event!.details))).toEqual({
      from: "Chrome on Linux",
      name: "Work laptop",
    });
  });

  it("refuses another account's passkey, an empty name and a name already used, changing nothing", async () => {
    const { person, ids } = await accountWithTwoUnnamedPasskeys();
    const stranger = await createAccount();
    const before = await namesOf(person.id);
    expect(await renamePasskey(stranger, { id: ids[0]!, name: "Mine now" }, CHROME_LINUX)).toEqual({
      ok: false,
      message: "That passkey no longer exists.",
    });
    expect(
      await renamePasskey(person, { id: ids[0]!, name: "\u0000 " }, CHROME_LINUX),
    ).toMatchObject({
      ok: false,
      field: "name",
    });
    expect(
      await renamePasskey(person, { id: ids[0]!, name: "Chrome on Linux 2" }, CHROME_LINUX),
    ).toMatchObject({ ok: false, field: "name" });
    expect(await namesOf(person.id)).toEqual(before);
    expect(await auditEvents("passkey_renamed", person.id)).toHaveLength(0);
    expect(await auditEvents("passkey_renamed", stranger.id)).toHaveLength(0);
  });
});
