import type { CurrentSession } from "@/lib/auth/session";

/**
 * Who may call an action or a route handler, by the stage of their sign-in
 * (docs/architecture.md, "Server actions"):
 * - `anyone`: no session needed (first-run setup, signing out, a passkey prompt on /login);
 * - `pending-code`: a sign-in waiting for its second step;
 * - `enrolling`: a sign-in that policy sends to enrolment, or a complete one (the two-factor panel);
 * - `signed-in`: a complete sign-in of any role;
 * - `admin`: a complete sign-in of an admin.
 */
export type Caller = "anyone" | "pending-code" | "enrolling" | "signed-in" | "admin";

export type SessionFor<C extends Caller> = C extends "anyone"
  ? CurrentSession | null
  : CurrentSession;

/** Why a caller is turned away, or "admitted". Each builder puts the refusal its own way. */
export type Admission = "admitted" | "signed-out" | "wrong-stage" | "not-admin";

export function admission(caller: Caller, session: CurrentSession | null): Admission {
  if (caller === "anyone") return "admitted";
  if (!session) return "signed-out";
  const allowed =
    caller === "pending-code"
      ? session.stage === "AWAITING_CODE"
      : caller === "enrolling"
        ? session.stage === "AWAITING_ENROLMENT" || session.stage === "COMPLETE"
        : session.stage === "COMPLETE";
  if (!allowed) return "wrong-stage";
  return caller === "admin" && session.user.role !== "ADMIN" ? "not-admin" : "admitted";
}
