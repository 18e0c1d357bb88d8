import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { keyedHash } from "@/lib/crypto/keyed-hash";
import { db } from "@/lib/db/client";
import { describeBrowser } from "@/lib/format/browser-description";
import type { CurrentSession } from "./session";
import { endSignInOf, endSignInsOf } from "./sign-in-rows";

// The account pages' "Signed-in browsers" (docs/rules.md, rule 22). A sign-in's id names the
// session itself, so the page never shows it: each browser is named by a keyed hash of its id.

export type SignedInBrowser = {
  handle: string;
  description: string;
  clientAddress: string | null;
  signedInAt: Date;
  lastActiveAt: Date;
  current: boolean;
};

const handleOf = (signInId: string) => keyedHash("signed-in-browser", signInId);

/** The account's complete sign-ins that still count, the current one first, then the latest. */
async function liveSignIns(userId: string, now: Date) {
  return db.signIn.findMany({
    where: { userId, stage: "COMPLETE", endedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      userAgent: true,
      clientAddress: true,
      createdAt: true,
      completedAt: true,
      lastActiveAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

/** `describe`: a browser's name from its user agent, in the page's language. */
export async function listSignedInBrowsers(
  session: CurrentSession,
  now: Date,
  describe: (userAgent: string | null) => string = describeBrowser,
): Promise<SignedInBrowser[]> {
  const rows = await liveSignIns(session.user.id, now);
  const seen = new Map<string, number>();
  const browsers = rows.map((row) => {
    // Two browsers of one kind get "(2)", "(3)": every "Sign out …" button has its own name.
    const base = describe(row.userAgent);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const signedInAt = row.completedAt ?? row.createdAt;
    return {
      handle: handleOf(row.id),
      description: count === 1 ? base : `${base} (${count})`,
      clientAddress: row.clientAddress,
      signedInAt,
      lastActiveAt: row.lastActiveAt ?? signedInAt,
      current: row.id === session.signInId,
    };
  });
  return [...browsers.filter((b) => b.current), ...browsers.filter((b) => !b.current)];
}

/** How many other browsers are signed in to the account: what "Sign out all other browsers" ends. */
export async function countOtherBrowsers(session: CurrentSession, now: Date) {
  return db.signIn.count({
    where: {
      userId: session.user.id,
      id: { not: session.signInId },
      stage: "COMPLETE",
      endedAt: null,
      expiresAt: { gt: now },
    },
  });
}

type Ending = { session: CurrentSession; request: RequestContext; now: Date };

async function audit(ending: Ending, scope: "one" | "others", count: number) {
  const { user } = ending.session;
  await recordAuditEvent({
    type: "sign_ins_ended",
    actor: user,
    subject: user,
    context: ending.request,
    details: { scope, count },
  });
}

/** "Sign out <browser>": only one of the caller's own sign-ins; the current one has "Sign out". */
export async function signOutBrowser(ending: Ending, handle: string): Promise<boolean> {
  const { session, now } = ending;
  const rows = await liveSignIns(session.user.id, now);
  const target = rows.find((row) => row.id !== session.signInId && handleOf(row.id) === handle);
  if (!target || !(await endSignInOf(session.user.id, target.id, now))) return false;
  await audit(ending, "one", 1);
  return true;
}

/** "Sign out all other browsers": every sign-in of the account but this one, pending ones too. */
export async function signOutOtherBrowsers(ending: Ending): Promise<number> {
  const { session, now } = ending;
  const count = await endSignInsOf(session.user.id, now, { except: session.signInId });
  if (count > 0) await audit(ending, "others", count);
  return count;
}
