"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/actions/guarded-action";
import { signOutBrowser, signOutOtherBrowsers } from "@/lib/auth/signed-in-browsers";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { noFields } from "@/lib/two-factor/schemas";

const signedInBrowserSchema = z.object({
  browser: z
    .string({ error: "Choose a browser." })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose a browser."),
});

export const signOutBrowserAction = guardedAction(
  { caller: "signed-in", input: signedInBrowserSchema },
  async ({ browser }, { session, request, now }): Promise<FormState> => {
    if (!(await signOutBrowser({ session, request, now }, browser))) {
      return errorState("That browser is not signed in any more. Reload the page.");
    }
    revalidatePath("/", "layout");
    return { status: "success", message: "Signed out." };
  },
);

export const signOutOtherBrowsersAction = guardedAction(
  { caller: "signed-in", input: noFields },
  async (_input, { session, request, now }): Promise<FormState> => {
    const count = await signOutOtherBrowsers({ session, request, now });
    revalidatePath("/", "layout");
    if (count === 0) return { status: "success", message: "No other browser was signed in." };
    const browsers = count === 1 ? "1 other browser" : `${count} other browsers`;
    return { status: "success", message: `Signed out ${browsers}.` };
  },
);
