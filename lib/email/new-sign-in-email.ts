import { formatFullDateTime } from "@/lib/format/date-time";
import type { Locale } from "@/words/locales";
import { browserIn, emailWords } from "./email-words";
import { escapeHtml } from "./html";
import { noticeBodies } from "./notice-layout";

// The new-browser notice (docs/rules.md, rule 35): which browser and system, from which address,
// when, and a "This wasn't me" link that ends that sign-in. Its body carries a link, so it is
// queued sealed and deleted once sent or expired (rule 25). In the recipient's language
// (lib/email/email-words.ts).

/** The link to /login/not-me/<token> on the address people use (NEXTAUTH_URL). */
export function notMeLink(token: string): string {
  const base = process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  return new URL(`/login/not-me/${token}`, base).toString();
}

export type NewSignIn = {
  user: { email: string; name: string };
  clientAddress: string | null;
  userAgent: string | null;
  at: Date;
};

export function composeNewSignInEmail(
  signIn: NewSignIn,
  link: string,
  instanceName: string,
  locale: Locale = "en",
) {
  const t = emailWords(locale);
  const linkText = t("newSignIn.linkText");
  const fact = (label: string, value: string) => t("fact", { label, value });
  const facts = [
    fact(t("newSignIn.facts.browser"), browserIn(t, signIn.userAgent)),
    fact(t("newSignIn.facts.address"), signIn.clientAddress ?? t("newSignIn.unknownAddress")),
    fact(t("newSignIn.facts.when"), formatFullDateTime(signIn.at, locale)),
  ];
  const ifYou = t("newSignIn.ifYou");
  const ifNot = t("newSignIn.ifNot", { linkText });
  const { text, html } = noticeBodies({
    greeting: t("greeting", { name: signIn.user.name }),
    happened: t("newSignIn.happened", { email: signIn.user.email }),
    facts,
    advice: {
      text: [ifYou, ifNot, "", fact(linkText, link)],
      html: [
        `<p>${escapeHtml(ifYou)} ${escapeHtml(ifNot)}</p>`,
        `<p><a href="${escapeHtml(link)}">${escapeHtml(linkText)}</a></p>`,
      ],
    },
    instanceName,
  });
  return {
    to: signIn.user.email,
    subject: t("subjectLine", { company: instanceName, subject: t("newSignIn.subject") }),
    text,
    html,
  };
}
