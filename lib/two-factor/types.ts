import "server-only";
import type { db } from "@/lib/db/client";

export type Account = { id: string; email: string };

export type Transaction = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * A second factor as given: a code from the authenticator app, one of the account's recovery
 * codes (or the one an admin issued: lib/two-factor/codes.ts tells them apart), or a passkey's
 * assertion.
 */
export type SecondFactor =
  | { method: "totp"; code: unknown }
  | { method: "recovery"; code: unknown }
  | { method: "passkey"; response: unknown };

/**
 * The factor a proof used. "issued_recovery": the recovery code an admin issued (docs/rules.md,
 * rule 33), typed in the same field as the account's own, so it is told apart by which one it is.
 */
export type FactorMethod = SecondFactor["method"] | "issued_recovery";

/**
 * What a proof completes: step 2 of a sign-in, a sign-in with a passkey alone on /login, or a
 * password reset. Audit events name it as their `step`.
 */
export type ProofPurpose = "second_step" | "sign_in" | "reset";

/** A factor proven and used up, as the completion sees it inside the transaction. */
export type Proven = { account: Account; method: FactorMethod; recoveryCodesLeft: number | null };

/**
 * What the proof completes in its own transaction, right after using the factor up. `prepare` runs
 * once the factor has checked out, before the transaction (slow work, such as hashing a new
 * password, that must not hold the database); `complete` returns null when what it completes is
 * over (a sign-in ended or expired, a reset link used), which rolls everything back.
 */
export type Completion<T> = {
  purpose: ProofPurpose;
  prepare?: () => Promise<void>;
  complete: (tx: Transaction, proven: Proven) => Promise<T | null>;
};
