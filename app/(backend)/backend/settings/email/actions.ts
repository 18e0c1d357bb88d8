"use server";

import { z } from "zod";
import { guardedAction } from "@/lib/actions/guarded-action";
import { emailSettingsValues, getEmailSettings } from "@/lib/email/email-settings";
import {
  EmailSettingsConflict,
  EmailSettingsSavedMeanwhile,
  saveEmailSettings,
} from "@/lib/email/save-settings";
import { emailSettingsSchema } from "@/lib/email/schemas";
import { sendTestEmail } from "@/lib/email/test-email";
import { failedState, type FormState } from "@/lib/forms/form-state";
import { displayName, getSettings } from "@/lib/settings/settings";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";

export const saveEmailSettingsAction = guardedAction(
  { caller: "admin", input: emailSettingsSchema },
  async (settings, { session, request }): Promise<FormState> => {
    try {
      await saveEmailSettings(settings, session.user, request);
    } catch (error) {
      if (error instanceof EmailSettingsConflict) return failedState(error.failure);
      if (error instanceof EmailSettingsSavedMeanwhile) {
        // Shows the other admin's settings rather than keeping a form that would overwrite them.
        const stored = emailSettingsValues(await getEmailSettings());
        return { ...failedState(error.failure), values: stored };
      }
      throw error;
    }
    // The page then says whether a password is still saved (a change of server clears it).
    revalidatePath("/backend/settings/email");
    // What is stored now, as stored (trimmed, empty as none), for the form to show.
    const stored = emailSettingsValues(await getEmailSettings());
    const t = await getTranslations("admin.settings");
    return { status: "success", message: t("saved"), values: stored };
  },
);

/**
 * Sends a test message to the signed-in admin with the saved settings: it takes no fields, so it
 * never reaches a server that was only typed into the form (docs/rules.md, rule 24).
 */
export const sendTestEmailAction = guardedAction(
  { caller: "admin", input: z.object({}) },
  async (_input, { session }): Promise<FormState> => {
    const result = await sendTestEmail(session.user.email, displayName(await getSettings()));
    if (!result.ok) return failedState(result.failure);
    const t = await getTranslations("admin.emailSettings");
    return { status: "success", message: t("testSent") };
  },
);
