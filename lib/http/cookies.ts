/** Cookies are Secure whenever the app is served over HTTPS (NEXTAUTH_URL says so). */
export function secureCookiesEnabled() {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}
