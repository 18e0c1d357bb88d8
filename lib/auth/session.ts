import "server-only";
import { SESSION_COOKIE_NAMES } from "./cookie-names";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getConfig } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { noteSettingsVersion } from "@/lib/settings/settings";
import type { Role, SafeUser } from "./account";
import { landingPath } from "./landing";
import { REQUEST_PATH_HEADER, withReturnPath } from "./return-path";
import { LAST_ACTIVE_EVERY_MS, touchSignIn } from "./sign-in-rows";
import { decodeSessionToken } from "./session-token";
import type { SignInStage } from "./stage";

export type CurrentSession = {
  signInId: string;
  stage: SignInStage;
  user: SafeUser;
  /** Set when an admin-issued recovery code proved it (docs/rules.md, rule 33). */
  recoveredAt?: Date | null;
};

type SignInRow = {
  id: string;
  stage: string;
  sessionVersion: number;
  endedAt: Date | null;
  expiresAt: Date;
  recoveredAt?: Date | null;
  user: SafeUser;
};

/** The one rule for whether a sign-in still counts. */
export function evaluateSignIn(row: SignInRow | null, now: Date): CurrentSession | null {
  if (!row || row.endedAt || row.expiresAt <= now) return null;
  if (row.sessionVersion !== row.user.sessionVersion) return null;
  if (!["AWAITING_CODE", "AWAITING_ENROLMENT", "COMPLETE"].includes(row.stage)) return null;
  const session = { signInId: row.id, stage: row.stage as SignInStage, user: row.user };
  return row.recoveredAt ? { ...session, recoveredAt: row.recoveredAt } : session;
}

async function readSignInId(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    try {
      const token = await decodeSessionToken(value, getConfig().sessionSecret);
      if (typeof token?.sid === "string") return token.sid;
    } catch {
      // A tampered or stale cookie is no session.
    }
  }
  return null;
}

type SessionQueryRow = {
  id: string;
  stage: string;
  sessionVersion: number;
  endedAt: Date | null;
  expiresAt: Date;
  lastActiveAt: Date | null;
  recoveredAt: Date | null;
  userId: string;
  name: string;
  email: string;
  role: string;
  userSessionVersion: number;
  totpEnabledAt: Date | null;
  twoFactorRequiredAt: Date | null;
  createdAt: Date;
  language: string | null;
  settingsVersion: number | null;
};

/**
 * The sign-in, its account and the instance settings' version in one statement (docs/architecture.md,
 * "Reads per request"): Prisma would read the account with a second one. Quoted names and a bound
 * parameter read the same on SQLite and PostgreSQL; both return these columns with these types
 * (test/integration/signed-in-browsers.test.ts runs on both).
 */
async function readSignInRow(signInId: string) {
  const rows = await db.$queryRaw<SessionQueryRow[]>`
    SELECT s."id", s."stage", s."sessionVersion", s."endedAt", s."expiresAt", s."lastActiveAt",
      s."recoveredAt",
      u."id" AS "userId", u."name", u."email", u."role", u."sessionVersion" AS "userSessionVersion",
      u."totpEnabledAt", u."twoFactorRequiredAt", u."createdAt", u."language",
      (SELECT "version" FROM "Settings" WHERE "id" = 1) AS "settingsVersion"
    FROM "SignIn" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${signInId}`;
  const row = rows[0];
  if (!row) return null;
  // Every field of safeUserSelect, named: a field added there and not here fails to compile.
  const user: SafeUser = {
    id: row.userId,
    name: row.name,
    email: row.email,
    role: row.role,
    sessionVersion: Number(row.userSessionVersion),
    totpEnabledAt: row.totpEnabledAt,
    twoFactorRequiredAt: row.twoFactorRequiredAt,
    createdAt: row.createdAt,
    language: row.language,
  };
  return {
    signIn: { ...row, sessionVersion: Number(row.sessionVersion), user },
    settingsVersion: row.settingsVersion === null ? null : Number(row.settingsVersion),
  };
}

/** The sign-in the cookie names, if it still counts; marks it active (docs/rules.md, rule 22). */
export async function loadSession(signInId: string, now = new Date()) {
  const read = readSignInRow(signInId);
  noteSettingsVersion(
    read.then(
      (result) => result?.settingsVersion ?? null,
      () => null,
    ),
  );
  const row = (await read)?.signIn ?? null;
  const session = evaluateSignIn(row, now);
  // Only a row that looks stale costs a write, and the write itself is conditional.
  const lastActive = row?.lastActiveAt?.getTime() ?? 0;
  if (session && now.getTime() - lastActive >= LAST_ACTIVE_EVERY_MS) {
    await touchSignIn(session.signInId, now);
  }
  return session;
}

/** The single place a request's session is read: every page, route handler and action calls it. */
export const getSession = cache(async (): Promise<CurrentSession | null> => {
  const signInId = await readSignInId();
  return signInId ? loadSession(signInId) : null;
});

/** Where a sign-in belongs next (lib/auth/landing.ts), carrying `next` (docs/rules.md, rule 30). */
export function homeFor(session: CurrentSession, next?: string | null) {
  return landingPath({ stage: session.stage, role: session.user.role }, next);
}

/** /login, carrying the page asked for (set by proxy.ts) so that signing in returns there. */
async function signInFirst(): Promise<never> {
  redirect(withReturnPath("/login", (await headers()).get(REQUEST_PATH_HEADER)));
}

/**
 * A complete sign-in of the given role. Anonymous visitors go to /login, pending ones back to the
 * second step, customers in the backend get 403 and admins in the customer area go home.
 */
export async function requireRole(role: Role): Promise<CurrentSession> {
  const session = await getSession();
  if (!session) return signInFirst();
  if (session.stage !== "COMPLETE") redirect(homeFor(session));
  if (session.user.role !== role) {
    if (role === "ADMIN") forbidden();
    redirect(homeFor(session));
  }
  return session;
}

/** Any complete sign-in, whatever the role (the account pages). */
export async function requireCompleteSession(): Promise<CurrentSession> {
  const session = await getSession();
  if (!session) return signInFirst();
  if (session.stage !== "COMPLETE") redirect(homeFor(session));
  return session;
}

/**
 * A sign-in waiting for the given step; anything else goes where it belongs, with the page first
 * asked for (`next`) carried on.
 */
export async function requireStage(stage: Exclude<SignInStage, "COMPLETE">, next?: string | null) {
  const session = await getSession();
  if (!session) redirect(withReturnPath("/login", next));
  if (session.stage !== stage) redirect(homeFor(session, next));
  return session;
}
