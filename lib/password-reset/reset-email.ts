import { escapeHtml } from "@/lib/email/html";
import { RESET_LINK_LIFETIME_MS } from "./tokens";

// The reset message (docs/rules.md, rule 21). Its body is a credential: request-reset.ts queues it
// with the link's expiry, so it is stored sealed and deleted once sent or expired (rule 25).

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
) {
  const greeting = `Hello ${user.name},`;
  const asked = `Someone asked to reset the password of your ${instanceName} account (${user.email}).`;
  const how = `To choose a new password, open this link within ${MINUTES} minutes. It works once.`;
  const ignore =
    "If this was not you, ignore this message: your password stays as it is, and nobody can use the link without this mailbox.";
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
    subject: `${instanceName}: Reset your password`,
    text: text.join("\n"),
    html: html.join("\n"),
  };
}
