/**
 * The origin this instance is served at: that of NEXTAUTH_URL, else the embedded default's own
 * address. Requests that change something must come from it (docs/architecture.md, "Guards").
 */
export function appUrl(env: NodeJS.ProcessEnv = process.env): URL {
  return new URL(env.NEXTAUTH_URL?.trim() || `http://localhost:${env.PORT ?? 3000}`);
}
