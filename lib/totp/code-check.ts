import "server-only";
import { db } from "@/lib/db/client";
import { openTotpSecret } from "./secret-store";
import { normalizeCode, verifyTotpCode } from "./totp";

/**
 * Checks a code against the account's confirmed secret and uses up its time-step. The step is
 * stored with a conditional update, so of many concurrent submissions of one code exactly one
 * wins, on any database.
 */
export async function consumeTotpCode(userId: string, input: unknown, now: Date) {
  const code = normalizeCode(input);
  if (!code) return false;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpLastStep: true },
  });
  if (!user?.totpSecret) return false;
  const result = await verifyTotpCode({
    secret: openTotpSecret(user.totpSecret, userId),
    code,
    now,
    afterTimeStep: user.totpLastStep,
  });
  if (!result.ok) return false;
  const claimed = await db.user.updateMany({
    where: {
      id: userId,
      totpSecret: { not: null },
      OR: [{ totpLastStep: null }, { totpLastStep: { lt: result.timeStep } }],
    },
    data: { totpLastStep: result.timeStep },
  });
  return claimed.count === 1;
}
