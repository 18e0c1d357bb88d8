import "server-only";
import { randomBytes } from "node:crypto";
import type { RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import type { SignInStage } from "./stage";

// The only writer of the SignIn table (docs/architecture.md, "The life of a sign-in"): it opens,
// completes and ends sign-ins. The session helper (session.ts) is the only reader. Each function
// takes an optional transaction client, so a change and the sign-ins it ends commit together.

/** A complete sign-in lasts a working day; an unfinished one only as long as typing a code. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const UNFINISHED_MAX_AGE_MS = 10 * 60_000;

type Writer = Pick<typeof db, "signIn">;

function expiresAt(stage: SignInStage, now: Date) {
  const lifetime = stage === "COMPLETE" ? SESSION_MAX_AGE_SECONDS * 1000 : UNFINISHED_MAX_AGE_MS;
  return new Date(now.getTime() + lifetime);
}

/** After the password (or a trusted browser): the new sign-in's id, for the session cookie. */
export async function openSignIn(
  account: { id: string; sessionVersion: number },
  stage: SignInStage,
  context: RequestContext,
  now: Date,
): Promise<string> {
  const signIn = await db.signIn.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      userId: account.id,
      stage,
      sessionVersion: account.sessionVersion,
      createdAt: now,
      completedAt: stage === "COMPLETE" ? now : null,
      expiresAt: expiresAt(stage, now),
      clientAddress: context.clientAddress,
      userAgent: context.userAgent,
    },
    select: { id: true },
  });
  return signIn.id;
}

/**
 * Completes a sign-in that waits for `waitingFor`, unless it has ended or expired meanwhile.
 * One conditional update: of concurrent completions of one sign-in, one wins. True when it did.
 */
export async function completeSignIn(
  signInId: string,
  waitingFor: Exclude<SignInStage, "COMPLETE">,
  now: Date,
  writer: Writer = db,
): Promise<boolean> {
  const completed = await writer.signIn.updateMany({
    where: { id: signInId, stage: waitingFor, endedAt: null, expiresAt: { gt: now } },
    data: { stage: "COMPLETE", completedAt: now, expiresAt: expiresAt("COMPLETE", now) },
  });
  return completed.count === 1;
}

/** Ends one sign-in for good: its cookie, if replayed, no longer counts. */
export async function endSignIn(signInId: string, now = new Date(), writer: Writer = db) {
  await writer.signIn.updateMany({
    where: { id: signInId, endedAt: null },
    data: { endedAt: now },
  });
}

/** Ends every sign-in of the account, but for `except` (the one making the change). */
export async function endSignInsOf(
  userId: string,
  now: Date,
  options: { except?: string } = {},
  writer: Writer = db,
) {
  await writer.signIn.updateMany({
    where: { userId, endedAt: null, ...(options.except ? { id: { not: options.except } } : {}) },
    data: { endedAt: now },
  });
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
