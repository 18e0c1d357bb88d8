// Signed-in browsers on real SQLite and PostgreSQL databases (docs/rules.md, rule 22): "last
// active" is written at most once per 5 minutes, ending a browser refuses its next request, one
// account can never end another's sign-in. Deleting rows that are over is the storage sweep's
// (test/integration/storage-budget.test.ts).
import { afterAll, describe, expect, it } from "vitest";
import { saying } from "@/test/support/said";
import { removeTestDatabase, setUpTestDatabase } from "@/test/support/database";

const dataDir = await setUpTestDatabase();
const { db } = await import("@/lib/db/client");
const { loadSession } = await import("@/lib/auth/session");
const { openSignIn, touchSignIn } = await import("@/lib/auth/sign-in-rows");
const { listSignedInBrowsers, signOutBrowser, signOutOtherBrowsers } =
  await import("@/lib/auth/signed-in-browsers");
const { signOutEverywhere: signOutEverywhereCoded } =
  await import("@/lib/users/sign-out-everywhere");
const { CONTEXT, addMs, auditEvents, createAccount, pendingSignIns } =
  await import("../support/db-accounts");
const signOutEverywhere = saying(signOutEverywhereCoded);

afterAll(async () => {
  await db.$disconnect();
  await removeTestDatabase(dataDir);
});

const T0 = new Date("2031-03-02T08:00:00Z");
const MINUTE = 60_000;
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

async function signedIn(account: { id: string }, at: Date, userAgent = CONTEXT.userAgent) {
  const user = await db.user.findUniqueOrThrow({ where: { id: account.id } });
  return openSignIn(user, "COMPLETE", { ...CONTEXT, userAgent }, at);
}

async function session(signInId: string, at: Date) {
  const current = await loadSession(signInId, at);
  if (!current) throw new Error("the sign-in does not count");
  return current;
}

const lastActive = async (id: string) =>
  (await db.signIn.findUniqueOrThrow({ where: { id } })).lastActiveAt?.getTime();

describe("last active", () => {
  it("is written once for 100 page views within 5 minutes", async () => {
    const account = await createAccount();
    const id = await signedIn(account, T0);
    // 100 views, 3 s apart, from minute 3 to minute 8: the row changes once, at minute 5.
    let writes = 0;
    let previous = await lastActive(id);
    for (let view = 0; view < 100; view++) {
      await session(id, addMs(T0, 3 * MINUTE + view * 3_000));
      const now = await lastActive(id);
      if (now !== previous) writes++;
      previous = now;
    }
    console.log(`100 page views within 5 minutes wrote "last active" ${writes} time(s)`);
    expect(writes).toBe(1);
    expect(previous).toBe(addMs(T0, 5 * MINUTE).getTime());
  });

  it("is written by one of 50 concurrent requests, however many arrive at once", async () => {
    const account = await createAccount();
    const id = await signedIn(account, T0);
    const at = addMs(T0, 6 * MINUTE);
    const touched = await Promise.all(Array.from({ length: 50 }, () => touchSignIn(id, at)));
    expect(touched.filter(Boolean)).toHaveLength(1);
    expect(await lastActive(id)).toBe(at.getTime());
  });
});

describe("signing browsers out", () => {
  it("ends one browser of the caller's own account, never another account's", async () => {
    const ann = await createAccount();
    const bob = await createAccount();
    const annHere = await signedIn(ann, T0);
    const annThere = await signedIn(ann, addMs(T0, MINUTE), FIREFOX);
    const bobHere = await signedIn(bob, T0);
    const at = addMs(T0, 2 * MINUTE);
    const annSession = await session(annHere, at);

    const listed = await listSignedInBrowsers(annSession, at);
    expect(listed.map((b) => [b.description, b.current])).toEqual([
      ["Unknown browser on an unknown system", true],
      ["Firefox on Windows", false],
    ]);
    expect(JSON.stringify(listed)).not.toContain(annThere);

    // Bob's browser, named as Bob's page names it, or by its raw id: nothing changes.
    const [bobListed] = await listSignedInBrowsers(await session(bobHere, at), at);
    const ending = { session: annSession, request: CONTEXT, now: at };
    expect(await signOutBrowser(ending, bobListed!.handle)).toBe(false);
    expect(await signOutBrowser(ending, bobHere)).toBe(false);
    expect(await signOutBrowser(ending, listed[0]!.handle)).toBe(false); // the current one
    expect(await loadSession(bobHere, at)).not.toBeNull();

    expect(await signOutBrowser(ending, listed[1]!.handle)).toBe(true);
    expect(await loadSession(annThere, addMs(at, 1))).toBeNull();
    expect(await loadSession(annHere, addMs(at, 1))).not.toBeNull();
    expect(await auditEvents("sign_ins_ended", ann.id)).toHaveLength(1);
  });

  it("ends all other browsers, pending sign-ins too, and keeps the current one", async () => {
    const ann = await createAccount();
    const here = await signedIn(ann, T0);
    const others = [await signedIn(ann, T0, FIREFOX), await signedIn(ann, T0)];
    const pending = await pendingSignIns(ann.id, 1, T0);
    const at = addMs(T0, MINUTE);
    const ended = await signOutOtherBrowsers({
      session: await session(here, at),
      request: CONTEXT,
      now: at,
    });
    expect(ended).toBe(3);
    for (const id of [...others, ...pending]) expect(await loadSession(id, at)).toBeNull();
    expect(await loadSession(here, at)).not.toBeNull();
  });

  it("lets an admin sign another account out everywhere, audited, but not their own", async () => {
    const admin = await createAccount("ADMIN");
    const ann = await createAccount();
    const anns = [await signedIn(ann, T0), await signedIn(ann, T0, FIREFOX)];
    const actor = { id: admin.id, email: admin.email };
    const result = await signOutEverywhere(ann.id, actor, CONTEXT, addMs(T0, MINUTE));
    expect(result).toEqual({ ok: true, email: ann.email, count: 2 });
    for (const id of anns) expect(await loadSession(id, addMs(T0, MINUTE))).toBeNull();
    const [event] = await auditEvents("signed_out_everywhere", ann.id);
    expect(event).toMatchObject({ actorId: admin.id, details: JSON.stringify({ count: 2 }) });
    expect(await signOutEverywhere(admin.id, actor, CONTEXT)).toMatchObject({ ok: false });
  });
});
