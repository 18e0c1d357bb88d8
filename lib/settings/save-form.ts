import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { readSettingsForEditing, saveSettingsAt, type InstanceSettings } from "./settings";

/** What a settings form's save did, and what is stored now, for the form to show. */
export type SettingsFormSave = {
  /** False: another save came after the form was read, and nothing was written. */
  saved: boolean;
  /** Whether anything differed from what was stored (false: nothing written, nothing audited). */
  changed: boolean;
  settings: InstanceSettings;
  version: number;
};

/**
 * A settings page's save (/backend/settings/2fa, /backend/settings/general): writes only the
 * fields that differ from the stored settings the form was read at (`formVersion`, none for a
 * hand-made post), audited as `settings_changed`, and answers with what is now stored, so the form
 * shows it and a second save writes nothing back (docs/rules.md, rule 29). A save that comes
 * after another admin's is refused and answers with that admin's settings instead of
 * overwriting them.
 */
export async function saveSettingsForm(
  submitted: Partial<InstanceSettings>,
  formVersion: number | undefined,
  actor: { id: string; email: string },
  context: RequestContext,
): Promise<SettingsFormSave> {
  const before = await readSettingsForEditing();
  const version = formVersion ?? before.version;
  const changedKeys = (Object.keys(submitted) as (keyof InstanceSettings)[]).filter(
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
    return { saved: false, changed: false, ...now };
  }
  if (changedKeys.length > 0) {
    await recordAuditEvent({
      type: "settings_changed",
      actor,
      context,
      details: Object.fromEntries(
        changedKeys.flatMap((key) => [
          [`old_${key}`, before.settings[key]],
          [`new_${key}`, submitted[key] ?? null],
        ]),
      ),
    });
  }
  return {
    saved: true,
    changed: changedKeys.length > 0,
    settings: { ...before.settings, ...changes },
    version: changedKeys.length > 0 ? Math.max(version, 0) + 1 : version,
  };
}
