import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import {
  checkAssertion,
  recordAssertionUse,
  settleRefusedAssertion,
  type AssertionRefusal,
} from "./assertion";
import type { AccountPurpose } from "./assertion-options";

type Account = { id: string; email: string };

export type AssertionResult =
  { ok: true; account: Account; passkeyName: string } | { ok: false; reason: AssertionRefusal };

/** Thrown inside a transaction to roll back a refused assertion's writes. */
class AssertionRefused extends Error {
  constructor(readonly reason: "challenge" | "counter") {
    super(reason);
  }
}

/**
 * Checks and records a passkey's assertion on its own (docs/rules.md, rule 18): the challenge is
 * used once, the counter only moves forward, and the use or refusal is audited. A sign-in or reset
 * proves a passkey through lib/two-factor/proof.ts instead, in the transaction that completes it.
 */
export async function verifyAssertion(
  input: unknown,
  expected: { account: Account | null; purpose?: AccountPurpose },
  context: RequestContext,
  now: Date,
): Promise<AssertionResult> {
  const check = await checkAssertion(input, expected, context, now);
  if (!check.ok) return check;
  const { checked } = check;
  try {
    await db.$transaction(async (tx) => {
      const recorded = await recordAssertionUse(tx, checked, context, now);
      if (!recorded.ok) throw new AssertionRefused(recorded.reason);
    });
  } catch (error) {
    if (!(error instanceof AssertionRefused)) throw error;
    await settleRefusedAssertion(checked, error.reason, context, now);
    return { ok: false, reason: error.reason };
  }
  const { id, email } = checked.account;
  return { ok: true, account: { id, email }, passkeyName: checked.passkey.name };
}
