import { emailWords } from "@/lib/email/email-words";
import { escapeHtml } from "@/lib/email/html";
import type { Locale } from "@/words/locales";
import { RESET_LINK_LIFETIME_MS } from "./tokens";

// The reset message (docs/rules.md, rule 21). Its body is a credential: request-reset.ts queues it
// with the link's expiry, so it is stored sealed and deleted once sent or expired (rule 25). In
// the account's language, else the instance default (docs/rules.md, "Languages").

const MINUTES = RESET_LINK_LIFETIME_MS / 60_000;

/** The link to /login/reset/<token> on the address people use (NEXTAUTH_URL; server.ts sets it). */
export function resetLink(token: string): string {
  const base = process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  return new URL(`/login/reset/${token}`, base).toString();
}

export function composeResetEmail(
  user: { email: string; name: string },
  link: string,
  instanceName: string,
  locale: Locale = "en",
) {
  const t = emailWords(locale);
  const greeting = t("greeting", { name: user.name });
  const asked = t("passwordReset.asked", { company: instanceName, email: user.email });
  const how = t("passwordReset.how", { minutes: MINUTES });
  const ignore = t("passwordReset.ignore");
  const text = [greeting, "", asked, how, "", link, "", ignore, "", `— ${instanceName}`, ""];
  const html = [
    "<!doctype html>",
    `<html><body style="font-family: sans-serif; line-height: 1.5">`,
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(asked)} ${escapeHtml(how)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    `<p>${escapeHtml(ignore)}</p>`,
    `<p>— ${escapeHtml(instanceName)}</p>`,
    "</body></html>",
  ];
  return {
    to: user.email,
    subject: t("subjectLine", { company: instanceName, subject: t("passwordReset.subject") }),
    text: text.join("\n"),
    html: html.join("\n"),
  };
}
