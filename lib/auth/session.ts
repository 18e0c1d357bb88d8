import "server-only";
import { SESSION_COOKIE_NAMES } from "./cookie-names";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getConfig } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { safeUserSelect, type Role, type SafeUser } from "@/lib/users/users";
import { LAST_ACTIVE_EVERY_MS, touchSignIn } from "./sign-ins";
import type { SignInStage } from "./stage";

export type CurrentSession = { signInId: string; stage: SignInStage; user: SafeUser };

type SignInRow = {
  id: string;
  stage: string;
  sessionVersion: number;
  endedAt: Date | null;
  expiresAt: Date;
  user: SafeUser;
};

/** The one rule for whether a sign-in still counts. */
export function evaluateSignIn(row: SignInRow | null, now: Date): CurrentSession | null {
  if (!row || row.endedAt || row.expiresAt <= now) return null;
  if (row.sessionVersion !== row.user.sessionVersion) return null;
  if (!["AWAITING_CODE", "AWAITING_ENROLMENT", "COMPLETE"].includes(row.stage)) return null;
  return { signInId: row.id, stage: row.stage as SignInStage, user: row.user };
}

async function readSignInId(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    try {
      const token = await decode({ token: value, secret: getConfig().sessionSecret });
      if (typeof token?.sid === "string") return token.sid;
    } catch {
      // A tampered or stale cookie is no session.
    }
  }
  return null;
}

/** The sign-in the cookie names, if it still counts; marks it active (docs/rules.md, rule 22). */
export async function loadSession(signInId: string, now = new Date()) {
  const row = await db.signIn.findUnique({
    where: { id: signInId },
    select: {
      id: true,
      stage: true,
      sessionVersion: true,
      endedAt: true,
      expiresAt: true,
      lastActiveAt: true,
      user: { select: safeUserSelect },
    },
  });
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

const AREA_HOME: Record<Role, string> = { ADMIN: "/backend", CUSTOMER: "/customer" };

export function homeFor(session: CurrentSession) {
  if (session.stage === "AWAITING_CODE") return "/login/verify";
  if (session.stage === "AWAITING_ENROLMENT") return "/login/enroll";
  return AREA_HOME[session.user.role as Role] ?? "/login";
}

/**
 * A complete sign-in of the given role. Anonymous visitors go to /login, pending ones back to the
 * second step, customers in the backend get 403 and admins in the customer area go home.
 */
export async function requireRole(role: Role): Promise<CurrentSession> {
  const session = await getSession();
  if (!session) redirect("/login");
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
  if (!session) redirect("/login");
  if (session.stage !== "COMPLETE") redirect(homeFor(session));
  return session;
}

/** A sign-in waiting for the given step; anything else goes where it belongs. */
export async function requireStage(stage: Exclude<SignInStage, "COMPLETE">) {
  const session = await getSession();
  if (!session) redirect("/login");
  if (session.stage !== stage) redirect(homeFor(session));
  return session;
}
