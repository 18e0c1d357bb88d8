import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import type { Locale } from "@/words/locales";

/**
 * The account's own "Language" (docs/rules.md, "Languages"); null follows the browser. A change
 * is a security-log entry like every change to an account, in the same transaction; saving the
 * language already stored writes nothing. Returns what is stored.
 */
export async function setAccountLanguage(
  account: { id: string; email: string },
  language: Locale | null,
  context: RequestContext,
): Promise<Locale | null> {
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id: account.id },
      select: { language: true },
    });
    if (!before || before.language === language) return language;
    await tx.user.update({ where: { id: account.id }, data: { language } });
    await recordAuditEvent(
      {
        type: "account_updated",
        actor: account,
        subject: account,
        context,
        details: { changed: "language", language: language ?? "browser" },
      },
      tx,
    );
    return language;
  });
}
