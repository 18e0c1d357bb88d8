import "server-only";
import { failure } from "@/lib/failures/failure";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { savedAtOf, sealSmtpPassword } from "./email-settings";
import type { EmailSettingsInput } from "./schemas";

const AUDITED = ["smtpHost", "smtpPort", "smtpSecurity", "smtpUsername", "fromAddress"] as const;

/**
 * The settings that say where the password goes: changing any of them clears a saved password
 * that is not typed again (docs/rules.md, rule 24), so that pointing the app at another server
 * never hands it the old server's password.
 */
export const SERVER_FIELDS = ["smtpHost", "smtpPort", "smtpSecurity", "smtpUsername"] as const;

/** Tries of a save that found the row changed under it by another save. */
const TRIES = 3;

export class EmailSettingsConflict extends Error {
  override name = "EmailSettingsConflict";
  readonly failure = failure("email_settings_changed");
}

export class EmailSettingsSavedMeanwhile extends Error {
  override name = "EmailSettingsSavedMeanwhile";
  readonly failure = failure("email_settings_saved_meanwhile");
}

/**
 * Saves the e-mail settings and audits what changed, in one transaction. The password is named in
 * the audit log only as changed, removed or cleared (by a change of server); an empty password
 * field keeps the saved one only while the server and username stay the same. The row is written
 * only if it still holds what was read, so a kept password is never paired with a server another
 * admin saved meanwhile. A form's `savedAt` that is not the row's throws
 * `EmailSettingsSavedMeanwhile`: it was read before another save, which it must not overwrite.
 */
export async function saveEmailSettings(
  input: EmailSettingsInput,
  actor: { id: string; email: string },
  context: RequestContext,
): Promise<{ passwordCleared: boolean }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const saved = await saveOnce(input, actor, context);
      if (saved) return saved;
    } catch (error) {
      // Two first saves at once: one creates the row, the other tries again.
      const duplicate =
        error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!duplicate) throw error;
    }
    if (attempt >= TRIES) throw new EmailSettingsConflict();
  }
}

async function saveOnce(
  input: EmailSettingsInput,
  actor: { id: string; email: string },
  context: RequestContext,
): Promise<{ passwordCleared: boolean } | null> {
  const { smtpPassword, removePassword, savedAt, ...fields } = input;
  return db.$transaction(async (tx) => {
    const before = await tx.emailSettings.findUnique({ where: { id: 1 } });
    if (savedAt !== undefined && savedAt !== savedAtOf(before)) {
      throw new EmailSettingsSavedMeanwhile();
    }
    const serverChanged =
      before !== null && SERVER_FIELDS.some((key) => before[key] !== fields[key]);
    const passwordCleared =
      !removePassword &&
      smtpPassword === undefined &&
      serverChanged &&
      Boolean(before?.smtpPassword);
    const password =
      removePassword || passwordCleared
        ? { smtpPassword: null }
        : smtpPassword !== undefined
          ? { smtpPassword: sealSmtpPassword(smtpPassword) }
          : {};
    if (before === null) {
      await tx.emailSettings.create({ data: { id: 1, ...fields, ...password } });
    } else {
      const unchanged = await tx.emailSettings.updateMany({
        where: {
          id: 1,
          smtpHost: before.smtpHost,
          smtpPort: before.smtpPort,
          smtpSecurity: before.smtpSecurity,
          smtpUsername: before.smtpUsername,
          smtpPassword: before.smtpPassword,
          // A form's save holds to the very row it was read at.
          ...(savedAt !== undefined ? { updatedAt: before.updatedAt } : {}),
        },
        data: { ...fields, ...password },
      });
      if (unchanged.count === 0) return null;
    }
    const details: Record<string, string | number | null> = {};
    for (const key of AUDITED) {
      const old = before?.[key] ?? null;
      if (old !== fields[key])
        Object.assign(details, { [`old_${key}`]: old, [`new_${key}`]: fields[key] });
    }
    if (removePassword && before?.smtpPassword) details.smtpPassword = "removed";
    else if (passwordCleared) details.smtpPassword = "cleared: the server or username changed";
    else if (smtpPassword !== undefined) details.smtpPassword = "changed";
    if (Object.keys(details).length > 0) {
      await recordAuditEvent({ type: "settings_changed", actor, context, details }, tx);
    }
    return { passwordCleared };
  });
}
