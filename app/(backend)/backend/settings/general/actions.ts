"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { FormState } from "@/lib/forms/form-state";
import { saveSettingsForm } from "@/lib/settings/save-form";
import { generalSettingsSchema } from "@/lib/settings/schemas";
import { generalSettingsValues } from "@/lib/settings/settings";

/**
 * "Default language" (docs/rules.md, "Languages"): saved only at the version the form was read
 * at, audited as a settings change, answered with what is stored (lib/settings/save-form.ts).
 */
export const saveGeneralSettingsAction = guardedAction(
  { caller: "admin", input: generalSettingsSchema },
  async ({ version, ...submitted }, { session, request }): Promise<FormState> => {
    const t = await getTranslations("admin.settings");
    const save = await saveSettingsForm(submitted, version, session.user, request);
    const values = generalSettingsValues(save.settings, save.version);
    if (!save.saved) return { status: "error", message: t("savedMeanwhile"), values };
    if (save.changed) revalidatePath("/", "layout");
    return { status: "success", message: t("saved"), values };
  },
);
