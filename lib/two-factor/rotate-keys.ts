import "server-only";
import { getConfig } from "@/lib/config/env";
import { DecryptionError } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import { openTotpSecret, sealTotpSecret } from "./secret-store";

/**
 * Re-encrypts every TOTP secret with the current data-encryption key. Each row is rewritten only
 * if it still holds the ciphertext that was read, so a concurrent enrolment is never overwritten.
 * A secret no configured key opens (its old key missing from APPMAIL_PREVIOUS_ENCRYPTION_KEYS,
 * or damaged) is left as it is and counted, with the key versions it names.
 */
export async function reencryptTotpSecrets(): Promise<{
  rewritten: number;
  unreadable: number;
  unreadableVersions: number[];
}> {
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
  let unreadable = 0;
  const unreadableVersions = new Set<number>();
  for (const user of users) {
    const reseal = (stored: string | null) =>
      stored && !stored.startsWith(current)
        ? sealTotpSecret(openTotpSecret(stored, user.id), user.id)
        : stored;
    let data;
    try {
      data = {
        totpSecret: reseal(user.totpSecret),
        pendingTotpSecret: reseal(user.pendingTotpSecret),
      };
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      unreadable += 1;
      if (error.keyVersion !== undefined) unreadableVersions.add(error.keyVersion);
      continue;
    }
    const result = await db.user.updateMany({
      where: {
        id: user.id,
        totpSecret: user.totpSecret,
        pendingTotpSecret: user.pendingTotpSecret,
      },
      data,
    });
    rewritten += result.count;
  }
  return {
    rewritten,
    unreadable,
    unreadableVersions: [...unreadableVersions].sort((a, b) => a - b),
  };
}
