"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/guarded-action";
import { recordAuditEvent } from "@/lib/audit/audit";
import { failure } from "@/lib/failures/failure";
import { failedState, type FormState } from "@/lib/forms/form-state";
import { twoFactorSettingsSchema } from "@/lib/settings/schemas";
import {
  readSettingsForEditing,
  saveSettingsAt,
  twoFactorSettingsValues,
  type InstanceSettings,
} from "@/lib/settings/settings";

/**
 * Writes only the fields that differ from the stored settings the form was read at (its
 * `version`), and answers with what is now stored, so the form shows it and a second save writes
 * nothing back (docs/rules.md, rule 29). A save that comes after another admin's is refused and
 * shows that admin's settings instead of overwriting them.
 */
export const saveTwoFactorSettingsAction = guardedAction(
  { caller: "admin", input: twoFactorSettingsSchema },
  async ({ version: formVersion, ...submitted }, { session, request }): Promise<FormState> => {
    const before = await readSettingsForEditing();
    const version = formVersion ?? before.version;
    const changedKeys = (Object.keys(submitted) as (keyof typeof submitted)[]).filter(
      (key) => before.settings[key] !== submitted[key],
    );
    const changes: Partial<InstanceSettings> = Object.fromEntries(
      changedKeys.map((key) => [key, submitted[key]]),
    );
    const saved =
      before.version === version &&
      (changedKeys.length === 0 || (await saveSettingsAt(version, changes)));
    if (!saved) {
      const now = await readSettingsForEditing();
      // The e-mail settings' refusal says the same of any settings form, in the reader's language.
      return {
        ...failedState(failure("email_settings_saved_meanwhile")),
        values: twoFactorSettingsValues(now.settings, now.version),
      };
    }
    if (changedKeys.length > 0) {
      await recordAuditEvent({
        type: "settings_changed",
        actor: session.user,
        context: request,
        details: Object.fromEntries(
          changedKeys.flatMap((key) => [
            [`old_${key}`, before.settings[key]],
            [`new_${key}`, submitted[key]],
          ]),
        ),
      });
      revalidatePath("/", "layout");
    }
    const stored = { ...before.settings, ...changes };
    const storedVersion = changedKeys.length > 0 ? Math.max(version, 0) + 1 : version;
    return {
      status: "success",
      message: "Settings saved",
      values: twoFactorSettingsValues(stored, storedVersion),
    };
  },
);
