import "server-only";
import { getConfig } from "@/lib/config/env";
import { DecryptionError } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import { openLinkBody, sealLinkBody } from "./link-bodies";

const PAGE = 500;

/**
 * Re-encrypts the sealed bodies of queued link-bearing messages with the current data-encryption
 * key (`keys:rotate`; docs/rules.md, rule 25), so that the old key can be retired while links are
 * still waiting to go out. Each row is rewritten only if it still holds what was read: a body the
 * sender deleted meanwhile stays deleted. A body no configured key opens is left and counted.
 */
export async function reencryptLinkBodies(): Promise<{ rewritten: number; unreadable: number }> {
  const current = `v${getConfig().encryptionKey.version}:`;
  let rewritten = 0;
  let unreadable = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await db.outboxMessage.findMany({
      where: {
        carriesLink: true,
        NOT: { bodyExpiresAt: null },
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      select: { id: true, textBody: true, htmlBody: true },
      take: PAGE,
    });
    for (const row of rows) {
      const stale = [row.textBody, row.htmlBody].some(
        (body) => body !== null && !body.startsWith(current),
      );
      if (!stale) continue;
      let data;
      try {
        data = {
          textBody:
            row.textBody &&
            sealLinkBody(openLinkBody(row.textBody, row.id, "text"), row.id, "text"),
          htmlBody:
            row.htmlBody &&
            sealLinkBody(openLinkBody(row.htmlBody, row.id, "html"), row.id, "html"),
        };
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        unreadable += 1;
        continue;
      }
      const result = await db.outboxMessage.updateMany({
        where: { id: row.id, textBody: row.textBody, htmlBody: row.htmlBody },
        data,
      });
      rewritten += result.count;
    }
    if (rows.length < PAGE) return { rewritten, unreadable };
    after = rows.at(-1)!.id;
  }
}
