// docs/rules.md, rule 21 on real SQLite and PostgreSQL databases: a reset link is stored only as a
// keyed hash, works once and for 30 minutes; asking for one answers the same whether or not the
// address has an account, and is limited per address and per client; a reset ends every sign-in,
// revokes trusted browsers, bumps the session version, queues a notice and is audited; and the
// second factor it asks for counts toward the second-step lock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { said, saying } from "@/test/support/said";
import { sayFailure } from "@/words/say-failure";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { Prisma } = await import("@/lib/db/generated/client");
const { saveSettings } = await import("@/lib/settings/settings");
const { verifyPassword } = await import("@/lib/auth/password");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { trustBrowser } = await import("@/lib/two-factor/trusted-browsers");
const { totpCodeAt } = await import("@/lib/two-factor/totp");

const { deliverDueMessages } = await import("@/lib/email/sender");
const { openBodies } = await import("@/lib/email/link-bodies");
const reset = await import("@/lib/password-reset/request-reset");
const { resetPassword: resetPasswordCoded } = await import("@/lib/password-reset/reset-password");
const { RESET_LINK_LIFETIME_MS } = await import("@/lib/password-reset/tokens");
const { CONTEXT, PASSWORD, addMs, auditEvents, createAccount, enrol, pendingSignIns, wrongCodeAt } =
  await import("../support/db-accounts");
const resetPassword = saying(resetPasswordCoded);
const WRONG_CODE = sayFailure({ code: "wrong_code" });
const INVALID_LINK = sayFailure({ code: "invalid_link" });

const { RESET_SENT } = reset;
const TOO_MANY_REQUESTS = sayFailure({ code: "too_many_reset_requests" });
const T = new Date("2030-03-01T09:00:10Z");
const HOUR = 60 * 60_000;
const NEW_PASSWORD = "a brand new passphrase";
type Account = { id: string; email: string };

let clients = 0;
/** A request context from a client address of its own, so per-client limits stay out of the way. */
const freshClient = () => ({ ...CONTEXT, clientAddress: `198.51.100.${++clients % 250}` });

/** Asks for a link, and waits for what the answer does not wait for (the link stored and queued). */
async function requestPasswordReset(...args: Parameters<typeof reset.requestPasswordReset>) {
  const result = await reset.requestPasswordReset(...args);
  if (!result.ok) return said(result);
  await result.recorded;
  return { ok: true, message: result.message };
}

async function configureEmail(on: boolean) {
  const fields = on
    ? { smtpHost: "127.0.0.1", fromAddress: "appmail@example.com" }
    : { smtpHost: null, fromAddress: null };
  await db.emailSettings.upsert({ where: { id: 1 }, create: { id: 1, ...fields }, update: fields });
}

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, companyName: "Acme" });
  await configureEmail(true);
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

/** The reset messages to `email` (a sign-in from a new browser queues its own notice too). */
const outboxTo = (email: string) =>
  db.outboxMessage.findMany({
    where: {
      recipient: email,
      NOT: { subject: { endsWith: "New sign-in to your AppMail account" } },
    },
    orderBy: { createdAt: "asc" },
  });

/** Asks for a link and returns the token the queued message carries. */
async function requestLink(account: Account, now = T, context = freshClient()) {
  const before = (await outboxTo(account.email)).length;
  expect(await requestPasswordReset(account.email, context, now)).toEqual({
    ok: true,
    message: RESET_SENT,
  });
  const messages = await outboxTo(account.email);
  expect(messages).toHaveLength(before + 1);
  // The body is sealed at rest (docs/rules.md, rule 25): read as the sender reads it.
  const { text } = openBodies(messages.at(-1)!);
  const token = /\/login\/reset\/([A-Za-z0-9_-]{43})\b/.exec(text ?? "")?.[1];
  expect(token, "the message carries the link").toBeDefined();
  return token!;
}

async function passwordIs(userId: string, password: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return verifyPassword(user.passwordHash, password);
}

/** Every row of every table, as a logical copy (a dump) of the database would hold them. */
async function everyRow(): Promise<string> {
  const tables = await Promise.all(
    Object.values(Prisma.ModelName).map((model) => {
      const name = (model[0]!.toLowerCase() + model.slice(1)) as "user";
      return (db[name] as unknown as { findMany(): Promise<unknown[]> }).findMany();
    }),
  );
  return JSON.stringify(tables);
}

describe("the link", () => {
  it("is stored only as a keyed hash, and its message body is deleted once sent", async () => {
    const account = await createAccount();
    const token = await requestLink(account);
    const stored = await db.passwordResetToken.findMany({ where: { userId: account.id } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]!.expiresAt).toEqual(addMs(T, RESET_LINK_LIFETIME_MS));

    const sent: string[] = [];
    await deliverDueMessages({
      now: () => T,
      createMailer: () => ({ send: async (m) => void sent.push(m.text ?? ""), close() {} }),
    });
    expect(sent.some((text) => text.includes(token))).toBe(true);
    const [message] = await outboxTo(account.email);
    expect(message).toMatchObject({ status: "SENT", textBody: null, htmlBody: null });
    expect(await everyRow()).not.toContain(token);
  });

  it("works once: a used link is refused and the password stays the one set", async () => {
    const account = await createAccount();
    const token = await requestLink(account);
    expect(
      await resetPassword(token, { newPassword: NEW_PASSWORD, method: "totp" }, CONTEXT, T),
    ).toEqual({ ok: true });
    const again = await resetPassword(
      token,
      { newPassword: "another new passphrase", method: "totp" },
      CONTEXT,
      T,
    );
    expect(again).toEqual({ ok: false, message: INVALID_LINK });
    expect(await passwordIs(account.id, NEW_PASSWORD)).toBe(true);
  });

  it("works once when two tabs post it at the same time", async () => {
    const account = await createAccount();
    const token = await requestLink(account);
    const results = await Promise.all(
      ["first new passphrase", "second new passphrase"].map((newPassword) =>
        resetPassword(token, { newPassword, method: "totp" }, CONTEXT, T),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await auditEvents("password_reset", account.id)).toHaveLength(1);
  });

  it("expires after 30 minutes", async () => {
    const account = await createAccount();
    const token = await requestLink(account);
    const late = addMs(T, RESET_LINK_LIFETIME_MS + 1000);
    expect(
      await resetPassword(token, { newPassword: NEW_PASSWORD, method: "totp" }, CONTEXT, late),
    ).toEqual({
      ok: false,
      message: INVALID_LINK,
    });
    expect(await passwordIs(account.id, PASSWORD)).toBe(true);
    const inTime = addMs(T, RESET_LINK_LIFETIME_MS - 1000);
    expect(
      await resetPassword(token, { newPassword: NEW_PASSWORD, method: "totp" }, CONTEXT, inTime),
    ).toEqual({ ok: true });
  });

  it("refuses garbage tokens of any length with the same message, and changes nothing", async () => {
    await createAccount();
    const before = await everyRow();
    const garbage: unknown[] = [
      "",
      "x",
      "A".repeat(43),
      "😀".repeat(43),
      "a\u0000b",
      "Z".repeat(100_000),
      42,
      null,
      undefined,
    ];
    for (const token of garbage) {
      expect(
        await resetPassword(token, { newPassword: NEW_PASSWORD, method: "totp" }, CONTEXT, T),
      ).toEqual({
        ok: false,
        message: INVALID_LINK,
      });
    }
    expect(await everyRow()).toBe(before);
  });
});

describe("asking for a link", () => {
  it("answers an unknown address the same, and queues and stores nothing", async () => {
    const [outbox, tokens] = [await db.outboxMessage.count(), await db.passwordResetToken.count()];
    const result = await requestPasswordReset("nobody-here@example.com", freshClient(), T);
    expect(result).toEqual({ ok: true, message: RESET_SENT });
    expect(await db.outboxMessage.count()).toBe(outbox);
    expect(await db.passwordResetToken.count()).toBe(tokens);
  });

  it("sends at most 3 links an hour per account, and answers the 4th as any other request", async () => {
    const account = await createAccount();
    for (let i = 0; i < 3; i++) {
      expect((await requestPasswordReset(account.email, freshClient(), T)).ok).toBe(true);
    }
    // Refusing it would tell that the address has an account: it is answered, and sends nothing.
    expect(await requestPasswordReset(account.email, freshClient(), addMs(T, 59 * 60_000))).toEqual(
      { ok: true, message: RESET_SENT },
    );
    expect(await outboxTo(account.email)).toHaveLength(3);
    expect(await requestPasswordReset(account.email, freshClient(), addMs(T, HOUR + 1000))).toEqual(
      { ok: true, message: RESET_SENT },
    );
    expect(await outboxTo(account.email)).toHaveLength(4);
  });

  it("counts an address with no account against the client alone, and stores nothing for it", async () => {
    const counters = await db.signInThrottle.count();
    for (let i = 0; i < 5; i++) {
      expect(await requestPasswordReset("unknown-limited@example.com", freshClient(), T)).toEqual({
        ok: true,
        message: RESET_SENT,
      });
    }
    // One counter per client network, none for what was typed.
    expect(await db.signInThrottle.count()).toBe(counters + 5);
    expect(
      await db.signInThrottle.count({ where: { key: { startsWith: "reset-address:" } } }),
    ).toBe(0);
  });

  it("lets the account's own browser (its device cookie) ask past a crowd behind its address (rule 28)", async () => {
    const account = await createAccount();
    const signedIn = await signInWithPassword(
      { email: account.email, password: PASSWORD },
      freshClient(),
      T,
    );
    if (!signedIn.ok) throw new Error("the owner's sign-in failed");
    const jar = new Map([[signedIn.deviceCookie.name, signedIn.deviceCookie.value]]);
    const shared = { ...CONTEXT, clientAddress: "192.0.2.77" };
    // A crowd behind the owner's address uses up its allowance; strangers elsewhere the account's.
    for (let i = 0; i < 10; i++) {
      expect((await requestPasswordReset(`crowd-${i}@example.com`, shared, T)).ok).toBe(true);
    }
    for (let i = 0; i < 3; i++) await requestPasswordReset(account.email, freshClient(), T);
    expect(await outboxTo(account.email)).toHaveLength(3);
    expect(await requestPasswordReset(account.email, shared, T)).toEqual({
      ok: false,
      message: TOO_MANY_REQUESTS,
    });

    const fromOwner = () =>
      requestPasswordReset(account.email, shared, addMs(T, 60_000), (name) => jar.get(name));
    expect(await fromOwner()).toEqual({ ok: true, message: RESET_SENT });
    expect(await outboxTo(account.email)).toHaveLength(4);
    // Its own allowance is three an hour too.
    for (let i = 0; i < 2; i++) expect((await fromOwner()).ok).toBe(true);
    expect(await fromOwner()).toEqual({
      ok: false,
      message: TOO_MANY_REQUESTS,
    });
    expect(await outboxTo(account.email)).toHaveLength(6);
  });

  it("is limited to 10 an hour per client", async () => {
    const client = { ...CONTEXT, clientAddress: "192.0.2.44" };
    for (let i = 0; i < 10; i++) {
      expect((await requestPasswordReset(`per-client-${i}@example.com`, client, T)).ok).toBe(true);
    }
    const account = await createAccount();
    expect((await requestPasswordReset(account.email, client, T)).ok).toBe(false);
    expect(await outboxTo(account.email)).toHaveLength(0);
    expect((await requestPasswordReset(account.email, freshClient(), T)).ok).toBe(true);
  });

  it("takes as long for an unknown address as for a known one (median of 41 each)", async () => {
    const account = await createAccount();
    const timings: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
    for (let i = 0; i < 41; i++) {
      // A new hour each round, so the limits never answer instead.
      const now = addMs(T, (100 + i) * HOUR);
      const rounds = [
        ["known", account.email],
        ["unknown", "no-such-account@example.com"],
      ] as const;
      // Alternating which goes first, so warming up favours neither.
      for (const [kind, email] of i % 2 ? rounds : [...rounds].reverse()) {
        const started = performance.now();
        const result = await reset.requestPasswordReset(email, freshClient(), now);
        const elapsed = performance.now() - started;
        expect(result).toMatchObject({ ok: true, message: RESET_SENT });
        if (result.ok) await result.recorded;
        timings[kind].push(elapsed);
      }
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;
    const [known, unknown] = [median(timings.known), median(timings.unknown)];
    console.log(
      `password reset request, median of 41: known ${known.toFixed(2)} ms, unknown ${unknown.toFixed(2)} ms`,
    );
    expect(Math.abs(known - unknown)).toBeLessThan(Math.max(known, unknown) * 0.25 + 2);
  });

  it("is not offered without SMTP settings: nothing is stored or queued", async () => {
    const account = await createAccount();
    await configureEmail(false);
    try {
      const result = await requestPasswordReset(account.email, freshClient(), T);
      expect(result).toEqual({
        ok: false,
        message:
          "Password reset is not available on this instance. Ask an administrator to reset your password.",
      });
      expect(await outboxTo(account.email)).toHaveLength(0);
      expect(await db.passwordResetToken.count({ where: { userId: account.id } })).toBe(0);
    } finally {
      await configureEmail(true);
    }
  });
});

describe("a reset", () => {
  it("ends every sign-in, revokes trusted browsers, bumps the session version, voids other links, notifies and audits", async () => {
    const account = await createAccount();
    const [pending] = await pendingSignIns(account.id, 1, T);
    const complete = { userId: account.id, stage: "COMPLETE", sessionVersion: 1, createdAt: T };
    await db.signIn.create({
      data: { ...complete, id: `complete-${account.id}`, expiresAt: addMs(T, HOUR) },
    });
    await trustBrowser(account.id, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", 30, T);
    const older = await requestLink(account);
    const token = await requestLink(account);
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: account.id } });

    expect(
      await resetPassword(token, { newPassword: NEW_PASSWORD, method: "totp" }, CONTEXT, T),
    ).toEqual({ ok: true });

    const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
    expect(user.sessionVersion).toBe(sessionVersion + 1);
    expect(await passwordIs(account.id, NEW_PASSWORD)).toBe(true);
    expect(await db.signIn.findUniqueOrThrow({ where: { id: pending! } })).toMatchObject({
      endedAt: T,
    });
    expect(await db.signIn.count({ where: { userId: account.id, endedAt: null } })).toBe(0);
    expect(await db.trustedBrowser.count({ where: { userId: account.id } })).toBe(0);
    expect(await db.passwordResetToken.count({ where: { userId: account.id, usedAt: null } })).toBe(
      0,
    );
    expect(
      (
        await resetPassword(
          older,
          { newPassword: "yet another passphrase", method: "totp" },
          CONTEXT,
          T,
        )
      ).ok,
    ).toBe(false);
    const notice = (await outboxTo(account.email)).at(-1)!;
    expect(notice.subject).toBe("Acme: Your password was reset");
    expect(notice.carriesLink).toBe(false);
    const [event] = await auditEvents("password_reset", account.id);
    expect(event).toMatchObject({ actorId: account.id, clientAddress: CONTEXT.clientAddress });
  });

  it("asks an enrolled account for a code: five wrong codes lock it and leave the password alone", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, addMs(T, -HOUR));
    const token = await requestLink(account);
    const wrong = await wrongCodeAt(secret, T);
    const input = { newPassword: NEW_PASSWORD, method: "totp" as const, code: wrong };

    for (let i = 0; i < 4; i++) {
      expect(await resetPassword(token, input, CONTEXT, T)).toEqual({
        ok: false,
        field: "code",
        message: WRONG_CODE,
      });
    }
    const fifth = await resetPassword(token, input, CONTEXT, T);
    expect(fifth).toMatchObject({ ok: false, field: "code" });
    expect((fifth as { message: string }).message).toContain("Try again in 15 minutes");
    const right = await resetPassword(
      token,
      { ...input, code: await totpCodeAt(secret, T) },
      CONTEXT,
      T,
    );
    expect(right).toMatchObject({ ok: false, field: "code" });

    expect(await passwordIs(account.id, PASSWORD)).toBe(true);
    expect(await auditEvents("two_factor_code_failed", account.id)).toHaveLength(5);
    expect(await auditEvents("two_factor_locked", account.id)).toHaveLength(1);
    expect(await auditEvents("password_reset", account.id)).toHaveLength(0);
  });

  it("takes a right code (once) or a recovery code from an enrolled account", async () => {
    const account = await createAccount();
    const { secret, recoveryCodes } = await enrol(account, addMs(T, -HOUR));
    const code = await totpCodeAt(secret, T);
    const first = await requestLink(account);
    const second = await requestLink(account, addMs(T, 60_000));
    expect(
      await resetPassword(first, { newPassword: NEW_PASSWORD, method: "totp", code }, CONTEXT, T),
    ).toEqual({ ok: true });
    // Not reusable across links: the first reset voided the second link anyway.
    expect(
      (
        await resetPassword(
          second,
          { newPassword: "x".repeat(12), method: "totp", code },
          CONTEXT,
          T,
        )
      ).ok,
    ).toBe(false);

    const third = await requestLink(account, addMs(T, 2 * 60_000));
    const byRecovery = {
      newPassword: "recovered passphrase",
      method: "recovery" as const,
      recoveryCode: recoveryCodes[0]!,
    };
    expect(await resetPassword(third, byRecovery, CONTEXT, addMs(T, 2 * 60_000))).toEqual({
      ok: true,
    });
    expect(await passwordIs(account.id, "recovered passphrase")).toBe(true);
    expect(await auditEvents("recovery_code_used", account.id)).toHaveLength(1);
  });
});
