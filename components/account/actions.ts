"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { getSettings } from "@/lib/settings/settings";
import { setAccountLanguage } from "@/lib/users/language";
import { accountLanguageSchema, changePasswordSchema } from "@/lib/users/schemas";
import { changePassword } from "@/lib/users/users";
import { translatorFor } from "@/words/translate";
import { chooseLocale } from "@/words/locales";

export const changePasswordAction = guardedAction(
  { caller: "signed-in", input: changePasswordSchema },
  async (form, { session, request, now }): Promise<FormState | Failure> => {
    const result = await changePassword(session.user.id, session.signInId, form, request, now);
    if (!result.ok) return result.failure;
    // The change already ended every other sign-in (docs/rules.md, rule 22): nothing to offer.
    revalidatePath("/", "layout");
    return { status: "success", message: (await getTranslations("account.password"))("changed") };
  },
);

/**
 * "Language" and its "Save" (docs/rules.md, "Languages"). The form shows what is stored (rule
 * 29) and says so in the language chosen, which the page shows from its next render on.
 */
export const saveLanguageAction = guardedAction(
  { caller: "signed-in", input: accountLanguageSchema },
  async ({ language }, { session, request }): Promise<FormState> => {
    const stored = await setAccountLanguage(session.user, language, request);
    revalidatePath("/", "layout");
    const [requestHeaders, settings] = await Promise.all([headers(), getSettings()]);
    const locale = chooseLocale({
      account: stored,
      acceptLanguage: requestHeaders.get("accept-language"),
      instanceDefault: settings.defaultLanguage,
    });
    const message = translatorFor(locale, "account")("language.saved");
    return { status: "success", message, values: { language: stored ?? "" } };
  },
);
