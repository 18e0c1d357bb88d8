// docs/rules.md, rule 35 on SQLite and PostgreSQL: a complete sign-in from a browser the account
// does not know queues "New sign-in to your AppMail account" with a "This wasn't me" link, in the
// write that completes it; a known browser (a device cookie under 90 days old, a trusted browser)
// gets none, and one browser at most one a day. The link is stored only as a hash, sealed in the
// outbox, bound to its one sign-in, single use, 7 days, and swept after.
import type { RequestContext } from "@/lib/audit/audit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseBytes, removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { openBodies } = await import("@/lib/email/link-bodies");
const { signInWithPassword } = await import("@/lib/sign-in/password-step");
const { verifySecondStep } = await import("@/lib/sign-in/second-step");
const { endSignInByNotMeLink } = await import("@/lib/sign-in/not-me");
const { sweepStorage } = await import("@/lib/maintenance/storage-sweep");
const { trustBrowser } = await import("@/lib/two-factor/trusted-browsers");
const { totpCodeAt } = await import("@/lib/two-factor/totp");
const { trustedBrowserCookieName } = await import("@/lib/auth/cookie-names");
const { saveSettings } = await import("@/lib/settings/settings");
const { CONTEXT, PASSWORD, createAccount, enrol } = await import("../support/db-accounts");

const T = new Date("2030-06-01T08:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (ms: number) => new Date(T.getTime() + ms);
const LINK = /\/login\/not-me\/([A-Za-z0-9_-]{43})\b/;
const SUBJECT = "New sign-in to your AppMail account";
const LAPTOP: RequestContext = {
  clientAddress: "198.51.100.20",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
};

beforeAll(async () => {
  await saveSettings({ twoFactorEnabled: true, trustBrowserDays: 30 });
});

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

type Jar = Map<string, string>;

/** Signs in with the password from a browser whose cookies are `jar` (kept as a browser keeps them). */
async function signIn(email: string, now: Date, jar: Jar = new Map(), context = LAPTOP) {
  const result = await signInWithPassword({ email, password: PASSWORD }, context, now, (name) =>
    jar.get(name),
  );
  if (!result.ok) throw new Error(result.reason);
  jar.set(result.deviceCookie.name, result.deviceCookie.value);
  return { ...result, jar };
}

const notices = (email: string) =>
  db.outboxMessage.findMany({
    where: { recipient: email, subject: { endsWith: SUBJECT } },
    orderBy: { createdAt: "asc" },
  });

async function tokenOf(email: string, index = 0): Promise<string> {
  const message = (await notices(email))[index]!;
  return LINK.exec(openBodies(message).text ?? "")![1]!;
}

const signInRow = (id: string) => db.signIn.findUniqueOrThrow({ where: { id } });

describe("the new-browser notice", () => {
  it("goes with a sign-in from an unknown browser, sealed, with browser, system, address and time", async () => {
    const account = await createAccount();
    await signIn(account.email, T);
    const [message] = await notices(account.email);
    expect(message).toMatchObject({ carriesLink: true, status: "QUEUED" });
    const { text } = openBodies(message!);
    expect(text).toContain("Firefox on Linux");
    expect(text).toContain("198.51.100.20");
    expect(text).toContain("1 June 2030");
    expect(text).toMatch(LINK);
    expect(text).toContain("This wasn't me");
    // Neither the outbox nor the token table holds the link in clear.
    const token = await tokenOf(account.email);
    expect(databaseBytes(dataDir).toString("latin1")).not.toContain(token);
  });

  it("is not sent to a browser the account knows: its device cookie, a trusted browser", async () => {
    const account = await createAccount();
    const first = await signIn(account.email, T);
    await signIn(account.email, at(10 * DAY), first.jar);
    await signIn(account.email, at(95 * DAY), first.jar);
    expect(await notices(account.email)).toHaveLength(1);

    const enrolled = await createAccount();
    await enrol(enrolled, T);
    const trust = await trustBrowser(enrolled.id, LAPTOP.userAgent, 30, T);
    const jar: Jar = new Map([[trustedBrowserCookieName(enrolled.id), trust.token]]);
    const trusted = await signIn(enrolled.email, at(DAY), jar);
    expect(trusted.landing.stage).toBe("COMPLETE");
    const untrusted = await signIn(enrolled.email, at(DAY));
    expect(untrusted.landing.stage).toBe("AWAITING_CODE");
    expect(await notices(enrolled.email)).toHaveLength(0);
  });

  it("is sent again once the browser has not signed in for 90 days", async () => {
    const account = await createAccount();
    const first = await signIn(account.email, T);
    await signIn(account.email, at(91 * DAY), first.jar);
    expect(await notices(account.email)).toHaveLength(2);
  });

  it("at most once per browser and day, when the browser keeps no cookie", async () => {
    const account = await createAccount();
    await signIn(account.email, T);
    await signIn(account.email, at(MINUTE));
    expect(await notices(account.email)).toHaveLength(1);
    await signIn(account.email, at(MINUTE), new Map(), { ...LAPTOP, clientAddress: "192.0.2.9" });
    await signIn(account.email, at(DAY));
    expect(await notices(account.email)).toHaveLength(3);
  });

  it("goes when step 2 completes the sign-in, not after the password alone", async () => {
    const account = await createAccount();
    const { secret } = await enrol(account, T);
    const pending = await signIn(account.email, at(MINUTE));
    expect(pending.landing.stage).toBe("AWAITING_CODE");
    expect(await notices(account.email)).toHaveLength(0);
    const code = await totpCodeAt(secret, at(2 * MINUTE));
    const done = await verifySecondStep(
      pending.signInId,
      account,
      { code },
      at(2 * MINUTE),
      CONTEXT,
    );
    expect(done.ok).toBe(true);
    expect(await notices(account.email)).toHaveLength(1);
    const token = await db.notMeToken.findFirstOrThrow({ where: { userId: account.id } });
    expect(token.signInId).toBe(pending.signInId);
  });
});

describe("This wasn't me", () => {
  it("ends that sign-in only, revokes trusted browsers, is audited, and works once", async () => {
    const account = await createAccount();
    const mine = await signIn(account.email, T, new Map(), CONTEXT);
    const stranger = await signIn(account.email, at(MINUTE));
    const other = await createAccount();
    const othersSignIn = await signIn(other.email, at(MINUTE));
    await db.trustedBrowser.create({
      data: {
        userId: account.id,
        tokenHash: "h".repeat(64),
        description: "Firefox on Linux",
        createdAt: T,
        lastUsedAt: T,
        expiresAt: at(30 * DAY),
      },
    });
    const token = await tokenOf(account.email, 1);

    expect(await endSignInByNotMeLink(token, CONTEXT, at(2 * MINUTE))).toBe(true);
    expect((await signInRow(stranger.signInId)).endedAt).toEqual(at(2 * MINUTE));
    expect((await signInRow(mine.signInId)).endedAt).toBeNull();
    expect((await signInRow(othersSignIn.signInId)).endedAt).toBeNull();
    expect(await db.trustedBrowser.count({ where: { userId: account.id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { type: "sign_in_disowned", subjectId: account.id },
    });
    expect(JSON.parse(audit.details!)).toMatchObject({
      browser: "Firefox on Linux",
      address: "198.51.100.20",
      trustedBrowsersRevoked: 1,
    });

    expect(await endSignInByNotMeLink(token, CONTEXT, at(3 * MINUTE))).toBe(false);
    expect(await db.auditEvent.count({ where: { type: "sign_in_disowned" } })).toBe(1);
  });

  it("gives one answer to an expired, unknown or malformed link, and changes nothing", async () => {
    const account = await createAccount();
    const stranger = await signIn(account.email, T);
    const token = await tokenOf(account.email);
    const unknown = "A".repeat(43);
    for (const link of [unknown, "short", "", "x".repeat(5000), null, 42]) {
      expect(await endSignInByNotMeLink(link, CONTEXT, at(MINUTE))).toBe(false);
    }
    expect(await endSignInByNotMeLink(token, CONTEXT, at(7 * DAY))).toBe(false);
    expect((await signInRow(stranger.signInId)).endedAt).toBeNull();
    expect(
      await db.notMeToken.count({ where: { userId: account.id, usedAt: { not: null } } }),
    ).toBe(0);
  });

  it("is deleted by the storage sweep once expired, used or not", async () => {
    const account = await createAccount();
    await signIn(account.email, at(2 * DAY));
    const live = () => db.notMeToken.count({ where: { userId: account.id } });
    expect(await live()).toBe(1);
    await sweepStorage(at(8 * DAY));
    expect(await live()).toBe(1);
    const swept = await sweepStorage(at(9 * DAY + MINUTE));
    expect(swept.notMeToken).toBeGreaterThanOrEqual(1);
    expect(await live()).toBe(0);
  });
});
