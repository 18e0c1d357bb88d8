"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { guardedAction } from "@/lib/actions/guarded-action";
import { signOutBrowser, signOutOtherBrowsers } from "@/lib/auth/signed-in-browsers";
import { hint } from "@/lib/failures/stored-failure";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { noFields } from "@/lib/two-factor/schemas";

const signedInBrowserSchema = z.object({
  browser: z
    .string({ error: hint("choose_browser") })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, hint("choose_browser")),
});

export const signOutBrowserAction = guardedAction(
  { caller: "signed-in", input: signedInBrowserSchema },
  async ({ browser }, { session, request, now }): Promise<FormState> => {
    const t = await getTranslations("account.browsers");
    if (!(await signOutBrowser({ session, request, now }, browser))) {
      return errorState(t("gone"));
    }
    revalidatePath("/", "layout");
    return { status: "success", message: t("signedOut") };
  },
);

export const signOutOtherBrowsersAction = guardedAction(
  { caller: "signed-in", input: noFields },
  async (_input, { session, request, now }): Promise<FormState> => {
    const count = await signOutOtherBrowsers({ session, request, now });
    revalidatePath("/", "layout");
    const t = await getTranslations("account.browsers");
    if (count === 0) return { status: "success", message: t("noOthers") };
    return { status: "success", message: t("othersSignedOut", { count }) };
  },
);
