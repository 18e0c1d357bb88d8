// The passkey count kept on each account by the database's triggers (docs/architecture.md,
// "Security overview"), on SQLite and PostgreSQL: every way a passkey is written (added on the
// account page, removed there, an admin's reset, the account deleted) leaves it equal to the
// passkeys the account holds, and the users list's "Passkeys" column, its "Two-factor" filter and
// "Protection by role" read the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";
import { SoftAuthenticator } from "@/test/support/soft-authenticator";

process.env.NEXTAUTH_URL = "http://localhost:3000";
const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { removePasskey: removePasskeyCoded } = await import("@/lib/two-factor/passkeys");
const { passkeyConfirmationOptions } = await import("@/lib/passkeys/confirmation");
const { resetTwoFactor } = await import("@/lib/users/admin-reset");
const { listAccountPage } = await import("@/lib/users/account-list");
const { protectionByRole } = await import("@/lib/security-overview/protection-counts");
const { CONTEXT, PASSWORD, addMs, createAccount, registerPasskey } =
  await import("../support/db-accounts");
const removePasskey = saying(removePasskeyCoded);

const T = new Date("2030-01-01T12:00:10Z");
type Account = { id: string; email: string };

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme", allowPasskeys: true });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** The count on the account, and the passkeys it holds. */
async function counts(account: Account) {
  const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
  return {
    kept: user.passkeyCount,
    held: await db.passkey.count({ where: { userId: account.id } }),
  };
}

/** What the users list shows for the account: its "Passkeys", and under which filter it is. */
async function listed(account: Account) {
  const query = { q: account.email, role: "" as const, page: 1 };
  const [all, enabled, notSetUp] = await Promise.all([
    listAccountPage({ ...query, twoFactor: "" }),
    listAccountPage({ ...query, twoFactor: "enabled" }),
    listAccountPage({ ...query, twoFactor: "not-set-up" }),
  ]);
  return {
    passkeys: all.accounts.find((row) => row.id === account.id)?._count.passkeys,
    enabled: enabled.accounts.some((row) => row.id === account.id),
    notSetUp: notSetUp.accounts.some((row) => row.id === account.id),
  };
}

/** Two passkeys added on the account page: the second asks for the first's confirmation. */
async function accountWithTwoPasskeys() {
  const account = { ...(await createAccount()), name: "Test User" };
  const authenticator = new SoftAuthenticator();
  await registerPasskey(account, authenticator, { password: PASSWORD }, T);
  const asked = await passkeyConfirmationOptions(account, addMs(T, 60_000));
  const confirmation = JSON.stringify(authenticator.assert(asked!.challenge, 1));
  await registerPasskey(
    account,
    new SoftAuthenticator(),
    { password: PASSWORD, confirmation },
    addMs(T, 60_000),
    { name: "Phone" },
  );
  return { account, authenticator };
}

describe("the passkey count on the account", () => {
  it("follows adding and removing passkeys on the account page, and the list agrees", async () => {
    const { account, authenticator } = await accountWithTwoPasskeys();
    expect(await counts(account)).toEqual({ kept: 2, held: 2 });
    expect(await listed(account)).toEqual({ passkeys: 2, enabled: true, notSetUp: false });

    // The phone's first, then the laptop's, each confirmed by the laptop's authenticator.
    const [laptop, phone] = await db.passkey.findMany({
      where: { userId: account.id },
      orderBy: { name: "asc" },
    });
    for (const [index, passkey] of [phone!, laptop!].entries()) {
      const at = addMs(T, (index + 2) * 60_000);
      const asked = await passkeyConfirmationOptions(account, at);
      const confirmation = JSON.stringify(authenticator.assert(asked!.challenge, index + 2));
      const removed = await removePasskey(
        account,
        { id: passkey.id, password: PASSWORD, confirmation },
        CONTEXT,
        at,
      );
      expect(removed).toMatchObject({ ok: true });
      expect(await counts(account)).toEqual({ kept: 1 - index, held: 1 - index });
    }
    expect(await listed(account)).toEqual({ passkeys: 0, enabled: false, notSetUp: true });
  });

  it("is zero after an admin's reset of two-factor, and Protection by role counts it no more", async () => {
    const admin = await createAccount("ADMIN");
    const before = await protectionByRole();
    const { account } = await accountWithTwoPasskeys();
    const withKeys = await protectionByRole();
    expect(withKeys.CUSTOMER.passkey - before.CUSTOMER.passkey).toBe(1);
    expect(withKeys.CUSTOMER.protectedCount - before.CUSTOMER.protectedCount).toBe(1);

    expect((await resetTwoFactor({ id: account.id }, admin, CONTEXT)).ok).toBe(true);
    expect(await counts(account)).toEqual({ kept: 0, held: 0 });
    expect(await listed(account)).toEqual({ passkeys: 0, enabled: false, notSetUp: true });
    const after = await protectionByRole();
    expect(after.CUSTOMER.passkey).toBe(before.CUSTOMER.passkey);
    expect(after.CUSTOMER.protectedCount).toBe(before.CUSTOMER.protectedCount);
  });

  it("goes with the account when it is deleted, and the other accounts keep theirs", async () => {
    const { account } = await accountWithTwoPasskeys();
    const { account: other } = await accountWithTwoPasskeys();
    await db.user.delete({ where: { id: account.id } });
    expect(await db.passkey.count({ where: { userId: account.id } })).toBe(0);
    expect(await counts(other)).toEqual({ kept: 2, held: 2 });
  });

  it("is right after passkeys are added at once in one transaction, as a bulk load does", async () => {
    const account = await createAccount();
    await db.$transaction(
      ["Laptop", "Phone", "Key"].map((name) =>
        db.passkey.create({
          data: {
            userId: account.id,
            credentialId: `cred-${account.id}-${name}`,
            publicKey: Buffer.from([1]),
            name,
          },
        }),
      ),
    );
    await db.passkey.deleteMany({ where: { userId: account.id, name: "Key" } });
    expect(await counts(account)).toEqual({ kept: 2, held: 2 });
  });
});
