// The names of the cookies this app reads, declared once. No server-only code: the proxy
// imports the session's names to redirect visitors without one.

/** next-auth's session cookie: `__Secure-` behind HTTPS, plain otherwise. */
export const SESSION_COOKIE_NAMES = [
  "__Secure-next-auth.session-token",
  "next-auth.session-token",
] as const;

/** One per account, so that several accounts can trust one browser. */
export function trustedBrowserCookieName(userId: string) {
  return `appmail-trusted-${userId}`;
}

/** One per account: this browser has passed the account's password before. */
export function deviceCookieName(userId: string) {
  return `appmail-device-${userId}`;
}
