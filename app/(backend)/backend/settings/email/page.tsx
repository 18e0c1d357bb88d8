import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { emailSettingsValues, getEmailSettings } from "@/lib/email/email-settings";
import { EmailSettingsForm } from "./email-settings-form";
import { TestEmailForm } from "./test-email-form";

export const metadata = { title: "E-mail settings" };

export default async function EmailSettingsPage() {
  await requireRole("ADMIN");
  const settings = await getEmailSettings();
  const configured = Boolean(settings.smtpHost && settings.fromAddress);
  return (
    <>
      <h1 className="text-2xl font-semibold">E-mail</h1>
      <p className="max-w-xl text-slate-700">
        Security notices and password-reset links go out through this SMTP server. Until a host and
        a from address are saved, messages wait in the <Link href="/backend/email">outbox</Link> and
        password reset is not offered.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <EmailSettingsForm settings={settings} stored={emailSettingsValues(settings)} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <TestEmailForm configured={configured} />
      </div>
    </>
  );
}
