// The e-mail settings saved straight in the test database, as the admin's form saves them, for
// the integration tests (Vitest). Import this module dynamically, after `setUpTestDatabase()`
// (database.ts): it loads the app's database client. Browser specs use the page instead:
// email-settings.ts.
import type { RequestContext } from "@/lib/audit/audit";
import { saveEmailSettings } from "@/lib/email/save-settings";
import type { EmailSettingsInput } from "@/lib/email/schemas";
import { CONTEXT } from "./db-accounts";

const ADMIN = { id: "admin", email: "admin@example.com" };

/**
 * Points the e-mail settings at an SMTP server on 127.0.0.1:`port` (no login, no encryption,
 * from noreply@example.com), or with `null` turns e-mail off; `change` overrides fields of the
 * form, `by` says who saved it.
 */
export async function pointSmtpAt(
  port: number | null,
  change: Partial<EmailSettingsInput> = {},
  by: { admin: { id: string; email: string }; context: RequestContext } = {
    admin: ADMIN,
    context: CONTEXT,
  },
) {
  await saveEmailSettings(
    {
      smtpHost: port ? "127.0.0.1" : null,
      smtpPort: port ?? 587,
      smtpSecurity: "NONE",
      smtpUsername: null,
      smtpPassword: undefined,
      removePassword: false,
      fromAddress: port ? "noreply@example.com" : null,
      ...change,
    },
    by.admin,
    by.context,
  );
}
