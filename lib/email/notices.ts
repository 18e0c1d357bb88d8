import "server-only";
import type { RequestContext } from "@/lib/audit/audit";
import { formatFullDateTime } from "@/lib/format/date-time";
import type { Prisma } from "@/lib/db/generated/client";
import type { Locale } from "@/words/locales";
import {
  browserIn,
  emailWords,
  letterLocale,
  readLetterhead,
  type EmailWords,
} from "./email-words";
import { escapeHtml } from "./html";
import { noticeText, type SecurityNoticeKind } from "./notice-texts";
import { queueEmail } from "./outbox";
import { noticeBodies } from "./notice-layout";

export { SECURITY_NOTICE_KINDS, type SecurityNoticeKind } from "./notice-texts";

// Security notices (docs/rules.md, rule 20): queued in the transaction of the change,
// to the account's own address; what happened, when, from which browser and address, and what to
// do if it was not them. Plain text and simple HTML: no remote images, no tracking, no links. In
// the recipient's language, chosen as it is queued (lib/email/email-words.ts).

/** A transaction client or the db client: the notice reads the instance name and queues. */
export type NoticeWriter = Pick<
  Prisma.TransactionClient,
  "outboxMessage" | "settings" | "$executeRaw"
>;

export type SecurityNotice = {
  /** `language`: the account's own choice (null or left out: the instance default). */
  user: { id: string; email: string; name: string; language?: string | null };
  kind: SecurityNoticeKind;
  context: RequestContext;
  now: Date;
  remainingRecoveryCodes?: number;
};

/** "Firefox on Linux, address …", or the command line for changes made there. */
function origin(t: EmailWords, context: RequestContext): string {
  if (context.userAgent === "appmail-cli") return t("notice.fromCommandLine");
  const browser = browserIn(t, context.userAgent);
  return t("notice.fromBrowser", { browser, address: context.clientAddress });
}

export function composeSecurityNotice(
  notice: SecurityNotice,
  instanceName: string,
  locale: Locale = "en",
) {
  const t = emailWords(locale);
  const { subject, happened } = noticeText(t, notice.kind, notice.remainingRecoveryCodes);
  const facts = [
    t("fact", { label: t("notice.facts.when"), value: formatFullDateTime(notice.now, locale) }),
    t("fact", { label: t("notice.facts.from"), value: origin(t, notice.context) }),
    t("fact", { label: t("notice.facts.account"), value: notice.user.email }),
  ];
  const ifNotYou = t("notice.ifNotYou");
  const { text, html } = noticeBodies({
    greeting: t("greeting", { name: notice.user.name }),
    happened,
    facts,
    advice: { text: [ifNotYou], html: [`<p><strong>${escapeHtml(ifNotYou)}</strong></p>`] },
    instanceName,
  });
  const fullSubject = t("subjectLine", { company: instanceName, subject });
  return { to: notice.user.email, subject: fullSubject, text, html };
}

/** Queues the notice with `writer`: pass the transaction that makes the change. */
export async function queueSecurityNotice(
  writer: NoticeWriter,
  notice: SecurityNotice,
): Promise<void> {
  const letterhead = await readLetterhead(writer);
  const locale = letterLocale(letterhead, notice.user.language);
  await queueEmail(
    writer,
    composeSecurityNotice(notice, letterhead.instanceName, locale),
    notice.now,
  );
}

/** Queues the notice to the account holder as the transaction sees them (address, language). */
export async function notifyAccountHolder(
  tx: NoticeWriter & Pick<Prisma.TransactionClient, "user">,
  userId: string,
  notice: Omit<SecurityNotice, "user">,
): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, language: true },
  });
  if (user) await queueSecurityNotice(tx, { ...notice, user });
}
