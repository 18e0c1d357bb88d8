"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { FormState } from "@/lib/forms/form-state";
import { saveSettingsForm } from "@/lib/settings/save-form";
import { twoFactorSettingsSchema } from "@/lib/settings/schemas";
import { twoFactorSettingsValues } from "@/lib/settings/settings";

/**
 * Saves what changed since the form was read, and answers with what is stored; a save after
 * another admin's is refused and shows theirs (lib/settings/save-form.ts, docs/rules.md, rule 29).
 */
export const saveTwoFactorSettingsAction = guardedAction(
  { caller: "admin", input: twoFactorSettingsSchema },
  async ({ version, ...submitted }, { session, request }): Promise<FormState> => {
    const t = await getTranslations("admin.settings");
    const save = await saveSettingsForm(submitted, version, session.user, request);
    const values = twoFactorSettingsValues(save.settings, save.version);
    if (!save.saved) return { status: "error", message: t("savedMeanwhile"), values };
    if (save.changed) revalidatePath("/", "layout");
    return { status: "success", message: t("saved"), values };
  },
);
