import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { safeReturnPath, withReturnPath } from "./return-path";
import type { SignInStage } from "./stage";

/** What decides where a sign-in goes next: what it still waits for, and whose area it is. */
export type Landing = { stage: SignInStage; role: string };

const AREA_HOME: Record<string, string> = { ADMIN: "/backend", CUSTOMER: "/customer" };

/**
 * Where a sign-in belongs next. `next`, the page first asked for (docs/rules.md, rule 30), is
 * carried through the steps still to come and, once the sign-in is complete, returned to when it
 * is a path of the account's own area (lib/auth/return-path.ts); otherwise the dashboard.
 */
export function landingPath({ stage, role }: Landing, next?: string | null): string {
  if (stage === "AWAITING_CODE") return withReturnPath("/login/verify", next);
  if (stage === "AWAITING_ENROLMENT") return withReturnPath("/login/enroll", next);
  return safeReturnPath(next, role) ?? AREA_HOME[role] ?? "/login";
}

// The password step runs inside next-auth's route handler, whose answer names no destination
// (only the callback URL it was given). The step leaves its landing here, for the route's
// wrapper (lib/sign-in/next-auth-route.ts) to add to that answer, one request's store each.
const landings = new AsyncLocalStorage<{ landing?: Landing }>();

/** Runs one request of next-auth's route with a place for the sign-in's landing. */
export function withLandingStore<T>(run: () => Promise<T>): Promise<T> {
  return landings.run({}, run);
}

export function rememberLanding(landing: Landing): void {
  const store = landings.getStore();
  if (store) store.landing = landing;
}

export function rememberedLanding(): Landing | null {
  return landings.getStore()?.landing ?? null;
}
