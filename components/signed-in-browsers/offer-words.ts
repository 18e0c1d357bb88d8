import "server-only";
import { getTranslations } from "next-intl/server";
import type { SignOutOthersOfferWords } from "./sign-out-others-offer";

/** The words of "Sign out all other browsers" after a change, in the request's language. */
export async function signOutOthersOfferWords(): Promise<SignOutOthersOfferWords> {
  const t = await getTranslations("account.browsers");
  return {
    one: t("offerOne"),
    // The count is the action's, known only in the browser: filled in there (lib/format/fill-in.ts).
    many: t("offerMany", { count: "{count}" }),
    button: t("signOutOthers"),
  };
}
