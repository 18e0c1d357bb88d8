import "server-only";
import { randomBytes } from "node:crypto";
import type { RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { sqlBoolean } from "@/lib/db/raw-sql";
import { queueNewBrowserNotice, type NoticeTx } from "./new-browser-notice";
import type { SignInStage } from "./stage";

// The only writer of the SignIn table's live rows (docs/architecture.md, "The life of a sign-in"):
// it opens, completes and ends sign-ins. Rows that are over, which no session can use any more,
// are deleted by the storage sweep (lib/maintenance/sign-ins-over.ts). The session helper (session.ts) is the only reader for a request. Each function
// takes an optional transaction client, so a change and the sign-ins it ends commit together.

/** A complete sign-in lasts a working day; an unfinished one only as long as typing a code. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const UNFINISHED_MAX_AGE_MS = 10 * 60_000;
/** "Last active" is written at most this often per sign-in (docs/rules.md, rule 22). */
export const LAST_ACTIVE_EVERY_MS = 5 * 60_000;

type Writer = Pick<typeof db, "signIn" | "$executeRaw" | "$queryRaw"> & NoticeTx;

function expiresAt(stage: SignInStage, now: Date) {
  const lifetime = stage === "COMPLETE" ? SESSION_MAX_AGE_SECONDS * 1000 : UNFINISHED_MAX_AGE_MS;
  return new Date(now.getTime() + lifetime);
}

/**
 * After the password (or a trusted browser, or a passkey): the new sign-in's id, for the session cookie. Rows
 * that are over are deleted by the storage sweep (lib/maintenance/storage-sweep.ts), not here.
 * `newBrowser`: the browser is not one the account knows; a complete sign-in of one queues the
 * new-browser notice in the same transaction (docs/rules.md, rule 35).
 */
export async function openSignIn(
  account: { id: string; sessionVersion: number },
  stage: SignInStage,
  context: RequestContext,
  now: Date,
  writer?: Writer,
  newBrowser = false,
): Promise<string> {
  const notice = stage === "COMPLETE" && newBrowser;
  if (notice && !writer) {
    return db.$transaction((tx) => openSignIn(account, stage, context, now, tx, newBrowser));
  }
  // One raw statement: every sign-in opens one, and Prisma's insert costs about three times the CPU
  // (docs/architecture.md, "Reads per request").
  const id = randomBytes(32).toString("base64url");
  await (writer ?? db).$executeRaw`
    INSERT INTO "SignIn" ("id", "userId", "stage", "sessionVersion", "createdAt", "expiresAt",
      "completedAt", "lastActiveAt", "clientAddress", "userAgent", "newBrowser")
    VALUES (${id}, ${account.id}, ${stage}, ${account.sessionVersion}, ${now},
      ${expiresAt(stage, now)}, ${stage === "COMPLETE" ? now : null}, ${now},
      ${context.clientAddress}, ${context.userAgent}, ${newBrowser})`;
  if (notice) await queueNewBrowserNotice(writer!, { id, userId: account.id, ...context }, now);
  return id;
}

/**
 * Completes a sign-in that waits for `waitingFor`, unless it has ended or expired meanwhile.
 * One conditional update (raw, as the insert above): of concurrent completions of one sign-in, one
 * wins. True when it did. A sign-in of a new browser queues its notice in the same transaction.
 */
export async function completeSignIn(
  signInId: string,
  waitingFor: Exclude<SignInStage, "COMPLETE">,
  now: Date,
  writer?: Writer,
): Promise<boolean> {
  if (!writer) return db.$transaction((tx) => completeSignIn(signInId, waitingFor, now, tx));
  const rows = await writer.$queryRaw<
    {
      userId: string;
      clientAddress: string | null;
      userAgent: string | null;
      newBrowser: unknown;
    }[]
  >`
    UPDATE "SignIn" SET "stage" = 'COMPLETE', "completedAt" = ${now}, "lastActiveAt" = ${now},
      "expiresAt" = ${expiresAt("COMPLETE", now)}
    WHERE "id" = ${signInId} AND "stage" = ${waitingFor} AND "endedAt" IS NULL
      AND "expiresAt" > ${now}
    RETURNING "userId", "clientAddress", "userAgent", "newBrowser"`;
  const row = rows[0];
  if (row && sqlBoolean(row.newBrowser)) {
    await queueNewBrowserNotice(writer, { id: signInId, ...row }, now);
  }
  return rows.length === 1;
}

/**
 * After its second factor, a sign-in that must still add one (docs/rules.md, rules 33 and 34) waits
 * on /login/enroll instead of completing, for another unfinished lifetime. `recoveredAt`: an
 * admin-issued recovery code proved it, so only a factor added after that moment completes it.
 * One conditional update, as completeSignIn's. True when it moved.
 */
export async function sendSignInToEnrolment(
  signInId: string,
  now: Date,
  recoveredAt: Date | null,
  writer: Writer = db,
): Promise<boolean> {
  const moved = await writer.$executeRaw`
    UPDATE "SignIn" SET "stage" = 'AWAITING_ENROLMENT', "recoveredAt" = ${recoveredAt},
      "lastActiveAt" = ${now}, "expiresAt" = ${expiresAt("AWAITING_ENROLMENT", now)}
    WHERE "id" = ${signInId} AND "stage" = 'AWAITING_CODE' AND "endedAt" IS NULL
      AND "expiresAt" > ${now}`;
  return moved === 1;
}

/**
 * Ends one sign-in for good: its cookie, if replayed, no longer counts. With `userId`, only a
 * sign-in of that account (a "This wasn't me" link names its own).
 */
export async function endSignIn(
  signInId: string,
  now = new Date(),
  writer: Pick<Writer, "signIn"> = db,
  userId?: string,
) {
  await writer.signIn.updateMany({
    where: { id: signInId, endedAt: null, ...(userId ? { userId } : {}) },
    data: { endedAt: now },
  });
}

/**
 * Ends every sign-in of the account, but for `except` (the one making the change): "Sign out all
 * other browsers", a password change, an admin's "Sign out everywhere". How many it ended.
 */
export async function endSignInsOf(
  userId: string,
  now: Date,
  options: { except?: string } = {},
  writer: Writer = db,
): Promise<number> {
  const ended = await writer.signIn.updateMany({
    where: { userId, endedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { endedAt: now },
  });
  return ended.count;
}

/**
 * "Sign out <browser>": ends one complete sign-in, only if it belongs to `userId` and still counts.
 * An id of another account's sign-in matches nothing. True when it ended one.
 */
export async function endSignInOf(userId: string, signInId: string, now: Date) {
  const ended = await db.signIn.updateMany({
    where: { id: signInId, userId, stage: "COMPLETE", endedAt: null, expiresAt: { gt: now } },
    data: { endedAt: now },
  });
  return ended.count === 1;
}

/**
 * Records activity: one conditional update that writes only when "last active" is older than
 * LAST_ACTIVE_EVERY_MS, so of concurrent requests on any number of instances one writes, and
 * browsing otherwise writes nothing. The session helper calls it only when its row looks stale.
 */
export async function touchSignIn(signInId: string, now: Date): Promise<boolean> {
  const staleBefore = new Date(now.getTime() - LAST_ACTIVE_EVERY_MS);
  const touched = await db.signIn.updateMany({
    where: {
      id: signInId,
      endedAt: null,
      OR: [{ lastActiveAt: null }, { lastActiveAt: { lte: staleBefore } }],
    },
    data: { lastActiveAt: now },
  });
  return touched.count === 1;
}

/** Ends the account's sign-ins that still wait for a code or an enrolment (a lock). */
export async function endUnfinishedSignInsOf(userId: string, now: Date, writer: Writer = db) {
  await writer.signIn.updateMany({
    where: { userId, stage: { not: "COMPLETE" }, endedAt: null },
    data: { endedAt: now },
  });
}

/** Keeps one sign-in valid across a session-version bump it caused (a password change). */
export async function carrySignInOver(signInId: string, sessionVersion: number, writer: Writer) {
  await writer.signIn.updateMany({
    where: { id: signInId, endedAt: null },
    data: { sessionVersion },
  });
}
