import { describeBrowser } from "@/lib/format/browser-description";
import { escapeHtml } from "./html";
import { noticeBodies } from "./notice-layout";

// The new-browser notice (docs/rules.md, rule 35): which browser and system, from which address,
// when, and a "This wasn't me" link that ends that sign-in. Its body carries a link, so it is
// queued sealed and deleted once sent or expired (rule 25).

export const NEW_SIGN_IN_SUBJECT = "New sign-in to your AppMail account";
export const NOT_ME_LINK_TEXT = "This wasn't me";

const WHEN = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "full",
  timeStyle: "short",
  timeZone: "UTC",
});

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

export function composeNewSignInEmail(signIn: NewSignIn, link: string, instanceName: string) {
  const greeting = `Hello ${signIn.user.name},`;
  const happened = `Your account (${signIn.user.email}) was just signed in to from a browser that has not signed in to it in the last 90 days.`;
  const facts: [string, string][] = [
    ["Browser and system", describeBrowser(signIn.userAgent)],
    ["Address", signIn.clientAddress ?? "unknown"],
    ["When", `${WHEN.format(signIn.at)} UTC`],
  ];
  const ifYou = "If this was you, there is nothing to do.";
  const ifNot = `If this was not you, open the link "${NOT_ME_LINK_TEXT}" within 7 days: it ends that sign-in at once and revokes your trusted browsers. Then change your password.`;
  const { text, html } = noticeBodies({
    greeting,
    happened,
    facts,
    advice: {
      text: [ifYou, ifNot, "", `${NOT_ME_LINK_TEXT}: ${link}`],
      html: [
        `<p>${escapeHtml(ifYou)} ${escapeHtml(ifNot)}</p>`,
        `<p><a href="${escapeHtml(link)}">${escapeHtml(NOT_ME_LINK_TEXT)}</a></p>`,
      ],
    },
    instanceName,
  });
  return {
    to: signIn.user.email,
    subject: `${instanceName}: ${NEW_SIGN_IN_SUBJECT}`,
    text,
    html,
  };
}
