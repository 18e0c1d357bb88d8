// "Reset two-factor" is for an account with something to reset. An admin's reset of an
// account with no second factor is refused and writes nothing; one with a factor removes them all.
import { afterAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { resetTwoFactor: resetTwoFactorCoded } = await import("@/lib/users/admin-reset");
const { CONTEXT, auditEvents, createAccount, enrol } = await import("../support/db-accounts");
const resetTwoFactor = saying(resetTwoFactorCoded);

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

const T = new Date("2030-03-05T09:15:00Z");

describe("resetTwoFactor by an admin", () => {
  it("refuses an account with no app, passkey or recovery code, and changes nothing", async () => {
    const admin = await createAccount("ADMIN");
    const account = await createAccount();
    const before = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    const reset = await resetTwoFactor({ id: account.id }, admin, CONTEXT, T);
    expect(reset).toEqual({
      ok: false,
      message: `${account.email} has no second factor to reset.`,
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: account.id } })).toEqual(before);
    expect(await auditEvents("two_factor_reset", account.id)).toHaveLength(0);
    expect(await db.outboxMessage.count()).toBe(0);
  });

  it("resets an account whose only factor is a recovery code left over", async () => {
    const admin = await createAccount("ADMIN");
    const account = await createAccount();
    await db.recoveryCode.create({ data: { userId: account.id, codeHash: "left-over" } });
    const reset = await resetTwoFactor({ id: account.id }, admin, CONTEXT, T);
    expect(reset).toEqual({ ok: true, email: account.email });
    expect(await db.recoveryCode.count({ where: { userId: account.id } })).toBe(0);
  });

  it("removes the app and the recovery codes of an enrolled account, and is audited", async () => {
    const admin = await createAccount("ADMIN");
    const account = await createAccount();
    await enrol(account, T);
    const reset = await resetTwoFactor({ id: account.id }, admin, CONTEXT, T);
    expect(reset.ok).toBe(true);
    const after = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.totpEnabledAt).toBeNull();
    expect(await db.recoveryCode.count({ where: { userId: account.id } })).toBe(0);
    expect(await auditEvents("two_factor_reset", account.id)).toHaveLength(1);
  });
});
