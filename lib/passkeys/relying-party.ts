import "server-only";
import { appUrl } from "@/lib/http/app-origin";

/**
 * The relying party is the host of NEXTAUTH_URL and only its origin is accepted
 * (docs/rules.md, rule 18). Without NEXTAUTH_URL, the embedded default's own address.
 */
export function relyingParty(env: NodeJS.ProcessEnv = process.env) {
  const url = appUrl(env);
  return { id: url.hostname, origin: url.origin, name: "AppMail" };
}
