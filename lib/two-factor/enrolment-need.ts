import "server-only";
import { completeSignIn } from "@/lib/auth/sign-in-rows";
import { enrolmentNeed, type EnrolmentNeed } from "@/lib/auth/stage";
import { db } from "@/lib/db/client";
import { getSettings, type InstanceSettings } from "@/lib/settings/settings";
import type { Transaction } from "./types";

// What a sign-in must still add on /login/enroll (docs/rules.md, rules 8, 33 and 34), read from the
// database: never from the page. The pure rule is lib/auth/stage.ts's `enrolmentNeed`.

type Reader = Pick<Transaction, "user">;

export async function enrolmentNeedOf(
  userId: string,
  now: Date,
  recoveredAt: Date | null,
  client: Reader = db,
  // Read before a transaction (the instance's settings come through the pool, not `client`): a
  // transaction that waited for a second connection could hold the pool until it timed out.
  settings?: InstanceSettings,
): Promise<EnrolmentNeed | null> {
  const user = await client.user.findUnique({
    where: { id: userId },
    select: {
      role: true,
      totpEnabledAt: true,
      twoFactorRequiredAt: true,
      passkeyRequiredAt: true,
      passkeys: { select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  if (!user) return null;
  const newestPasskey = user.passkeys[0]?.createdAt ?? null;
  const newestFactorAt = [user.totpEnabledAt, newestPasskey]
    .filter((at): at is Date => at !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const account = { ...user, hasPasskey: newestPasskey !== null, newestFactorAt };
  return enrolmentNeed(account, settings ?? (await getSettings()), now, recoveredAt);
}

/**
 * After a factor was added on /login/enroll (an app enabled, a passkey registered): completes the
 * waiting sign-in only once nothing more is needed, so enabling an app where a passkey is required
 * leaves it waiting. What is still needed, or null when it completed (or was not waiting).
 */
export async function completeEnrolmentIfDone(
  session: { signInId: string; stage: string; user: { id: string }; recoveredAt?: Date | null },
  now: Date,
): Promise<EnrolmentNeed | null> {
  if (session.stage !== "AWAITING_ENROLMENT") return null;
  const need = await enrolmentNeedOf(session.user.id, now, session.recoveredAt ?? null);
  if (need) return need;
  await completeSignIn(session.signInId, "AWAITING_ENROLMENT", now);
  return null;
}
