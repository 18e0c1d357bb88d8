import "server-only";
import { recordAuditEvent, type RequestContext } from "@/lib/audit/audit";
import { db } from "@/lib/db/client";
import { sealSmtpPassword } from "./email-settings";
import type { EmailSettingsInput } from "./schemas";

const AUDITED = ["smtpHost", "smtpPort", "smtpSecurity", "smtpUsername", "fromAddress"] as const;

/**
 * Saves the e-mail settings and audits what changed, in one transaction. The password is named in
 * the audit log only as changed or removed; an empty password field keeps the saved one.
 */
export async function saveEmailSettings(
  input: EmailSettingsInput,
  actor: { id: string; email: string },
  context: RequestContext,
): Promise<void> {
  const { smtpPassword, removePassword, ...fields } = input;
  const password = removePassword
    ? { smtpPassword: null }
    : smtpPassword !== undefined
      ? { smtpPassword: sealSmtpPassword(smtpPassword) }
      : {};
  await db.$transaction(async (tx) => {
    const before = await tx.emailSettings.findUnique({ where: { id: 1 } });
    await tx.emailSettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...fields, ...password },
      update: { ...fields, ...password },
    });
    const details: Record<string, string | number | null> = {};
    for (const key of AUDITED) {
      const old = before?.[key] ?? null;
      if (old !== fields[key])
        Object.assign(details, { [`old_${key}`]: old, [`new_${key}`]: fields[key] });
    }
    if (removePassword && before?.smtpPassword) details.smtpPassword = "removed";
    else if (smtpPassword !== undefined) details.smtpPassword = "changed";
    if (Object.keys(details).length === 0) return;
    await recordAuditEvent({ type: "settings_changed", actor, context, details }, tx);
  });
}
