"use server";

import { revalidatePath } from "next/cache";
import { recordAuditEvent } from "@/lib/audit/audit";
import { requireRole } from "@/lib/auth/session";
import { parseForm, type FormState } from "@/lib/forms/form-state";
import { requestContext } from "@/lib/http/request-context";
import { twoFactorSettingsSchema } from "@/lib/settings/schemas";
import { getSettings, saveSettings } from "@/lib/settings/settings";

export async function saveTwoFactorSettings(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const session = await requireRole("ADMIN");
  const form = parseForm(twoFactorSettingsSchema, formData, [
    "companyName",
    "twoFactorEnabled",
    "requireTwoFactor",
    "gracePeriodDays",
    "trustBrowserDays",
  ]);
  if (!form.ok) return form.state;
  const before = await getSettings();
  await saveSettings(form.data);
  const changed = Object.fromEntries(
    (Object.keys(form.data) as (keyof typeof form.data)[])
      .filter((key) => before[key] !== form.data[key])
      .flatMap((key) => [
        [`old_${key}`, before[key]],
        [`new_${key}`, form.data[key]],
      ]),
  );
  if (Object.keys(changed).length > 0) {
    await recordAuditEvent({
      type: "settings_changed",
      actor: session.user,
      context: await requestContext(),
      details: changed,
    });
  }
  revalidatePath("/", "layout");
  return { status: "success", message: "Settings saved" };
}
