import "server-only";
import { getLocale } from "next-intl/server";
import type { Failure } from "@/lib/failures/failure";
import { sayFailure, sayStoredFailure } from "./say-failure";
import type { ShownLocale } from "./locales";

// Failures in the words of this request's language (docs/architecture.md, "Failures and their
// words", "Languages"): pages, actions and route handlers ask once, then say as many as they show.

export type FailureSayer = {
  locale: ShownLocale;
  /** A failure in words. */
  say: (failure: Pick<Failure, "code" | "params">) => string;
  /** A failure a row stored (`storedFailure`); an older row's words as they are. */
  sayStored: (stored: string) => string;
};

/** A failure sayer for one language: e-mails, the command line (English), tests. */
export function failureSayerFor(locale: ShownLocale): FailureSayer {
  return {
    locale,
    say: (failure) => sayFailure(failure, locale),
    sayStored: (stored) => sayStoredFailure(stored, locale),
  };
}

/** The failure sayer of this request's language. */
export async function failureSayer(): Promise<FailureSayer> {
  return failureSayerFor(await getLocale());
}
