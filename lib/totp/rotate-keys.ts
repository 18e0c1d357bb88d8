import "server-only";
import { getConfig } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { openTotpSecret, sealTotpSecret } from "./secret-store";

/**
 * Re-encrypts every TOTP secret with the current data-encryption key. Each row is rewritten only
 * if it still holds the ciphertext that was read, so a concurrent enrolment is never overwritten.
 */
export async function reencryptTotpSecrets() {
  const current = `v${getConfig().encryptionKey.version}:`;
  const users = await db.user.findMany({
    where: {
      OR: [
        { NOT: { totpSecret: null }, AND: { NOT: { totpSecret: { startsWith: current } } } },
        {
          NOT: { pendingTotpSecret: null },
          AND: { NOT: { pendingTotpSecret: { startsWith: current } } },
        },
      ],
    },
    select: { id: true, totpSecret: true, pendingTotpSecret: true },
  });
  let rewritten = 0;
  for (const user of users) {
    const reseal = (stored: string | null) =>
      stored && !stored.startsWith(current)
        ? sealTotpSecret(openTotpSecret(stored, user.id), user.id)
        : stored;
    const result = await db.user.updateMany({
      where: {
        id: user.id,
        totpSecret: user.totpSecret,
        pendingTotpSecret: user.pendingTotpSecret,
      },
      data: {
        totpSecret: reseal(user.totpSecret),
        pendingTotpSecret: reseal(user.pendingTotpSecret),
      },
    });
    rewritten += result.count;
  }
  return rewritten;
}
