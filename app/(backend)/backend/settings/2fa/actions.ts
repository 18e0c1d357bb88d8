"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded-action";
import { recordAuditEvent } from "@/lib/audit/audit";
import type { FormState } from "@/lib/forms/form-state";
import { twoFactorSettingsSchema } from "@/lib/settings/schemas";
import { getSettings, saveSettings } from "@/lib/settings/settings";

export const saveTwoFactorSettingsAction = guardedAction(
  { caller: "admin", input: twoFactorSettingsSchema },
  async (settings, { session, request }): Promise<FormState> => {
    const before = await getSettings();
    await saveSettings(settings);
    const changed = Object.fromEntries(
      (Object.keys(settings) as (keyof typeof settings)[])
        .filter((key) => before[key] !== settings[key])
        .flatMap((key) => [
          [`old_${key}`, before[key]],
          [`new_${key}`, settings[key]],
        ]),
    );
    if (Object.keys(changed).length > 0) {
      await recordAuditEvent({
        type: "settings_changed",
        actor: session.user,
        context: request,
        details: changed,
      });
    }
    revalidatePath("/", "layout");
    return { status: "success", message: "Settings saved" };
  },
);
