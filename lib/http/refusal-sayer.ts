import "server-only";
import { unstable_rethrow } from "next/navigation";
import { failureSayer, failureSayerFor, type FailureSayer } from "@/words/failure-words";
import { DEFAULT_LOCALE } from "@/words/locales";

/**
 * The failure sayer of this request's language, for the builders' refusals (docs/architecture.md,
 * "Failures and their words"). The language is read with the session and the settings, from the
 * database that an unexpected failure may be about: when it cannot be read, the refusal is still
 * answered, in English, never turned into a second failure.
 */
export async function refusalSayer(): Promise<FailureSayer> {
  try {
    return await failureSayer();
  } catch (error) {
    unstable_rethrow(error);
    console.error(
      `appmail: a refusal is said in English, its request's language could not be read: ${(error as Error)?.name ?? "unknown error"}`,
    );
    return failureSayerFor(DEFAULT_LOCALE);
  }
}
