import type { FailureCode } from "@/lib/failures/failure";
import { DEFAULT_LOCALE, fromAcceptLanguage } from "@/words/locales";
import { sayFailure } from "@/words/say-failure";

/**
 * The words of a refusal answered before Next.js reads the request (server.ts, proxy.ts:
 * docs/architecture.md, "Failures and their words"), in the language its `Accept-Language`
 * prefers among ours, else English: no session nor settings are read for a request turned away
 * on its headers or its body.
 */
export function refusalWords(
  code: FailureCode,
  acceptLanguage: string | string[] | null | undefined,
): string {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(",") : acceptLanguage;
  return sayFailure({ code }, fromAcceptLanguage(header) ?? DEFAULT_LOCALE);
}
