import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { describeBrowser } from "@/lib/format/browser-description";
import type { Prisma } from "@/lib/db/generated/client";
import { escapeHtml } from "./html";
import { IF_NOT_YOU, noticeText, type SecurityNoticeKind } from "./notice-texts";
import { queueEmail } from "./outbox";
import { noticeBodies } from "./notice-layout";

export { SECURITY_NOTICE_KINDS, type SecurityNoticeKind } from "./notice-texts";

// Security notices (docs/rules.md, rule 20): queued in the transaction of the change,
// to the account's own address; what happened, when, from which browser and address, and what to
// do if it was not them. Plain text and simple HTML: no remote images, no tracking, no links.

/** A transaction client or the db client: the notice reads the instance name and queues. */
export type NoticeWriter = Pick<Prisma.TransactionClient, "outboxMessage" | "settings">;

export type SecurityNotice = {
  user: { id: string; email: string; name: string };
  kind: SecurityNoticeKind;
  context: RequestContext;
  now: Date;
  remainingRecoveryCodes?: number;
};

const WHEN = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "full",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "Firefox on Linux", or the command line for changes made there. */
function origin(context: RequestContext): string {
  if (context.userAgent === "appmail-cli") return "the server's command line";
  return `${describeBrowser(context.userAgent)}, address ${context.clientAddress}`;
}

export function composeSecurityNotice(notice: SecurityNotice, instanceName: string) {
  const { subject, happened } = noticeText(notice.kind, notice.remainingRecoveryCodes);
  const facts: [string, string][] = [
    ["When", `${WHEN.format(notice.now)} UTC`],
    ["From", origin(notice.context)],
    ["Account", notice.user.email],
  ];
  const greeting = `Hello ${notice.user.name},`;
  const { text, html } = noticeBodies({
    greeting,
    happened,
    facts,
    advice: { text: [IF_NOT_YOU], html: [`<p><strong>${escapeHtml(IF_NOT_YOU)}</strong></p>`] },
    instanceName,
  });
  return { to: notice.user.email, subject: `${instanceName}: ${subject}`, text, html };
}

/** Queues the notice with `writer`: pass the transaction that makes the change. */
export async function queueSecurityNotice(
  writer: NoticeWriter,
  notice: SecurityNotice,
): Promise<void> {
  const settings = await writer.settings.findUnique({
    where: { id: 1 },
    select: { companyName: true },
  });
  await queueEmail(
    writer,
    composeSecurityNotice(notice, settings?.companyName ?? "AppMail"),
    notice.now,
  );
}

/** Queues the notice to the account holder as the transaction sees them (current address). */
export async function notifyAccountHolder(
  tx: NoticeWriter & Pick<Prisma.TransactionClient, "user">,
  userId: string,
  notice: Omit<SecurityNotice, "user">,
): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true },
  });
  if (user) await queueSecurityNotice(tx, { ...notice, user });
}
