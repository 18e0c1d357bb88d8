import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/session";
import { emailSettingsValues, getEmailSettings } from "@/lib/email/email-settings";
import { EmailSettingsForm } from "./email-settings-form";
import { TestEmailForm } from "./test-email-form";
import { wordsFor } from "@/words/words-for";

export async function generateMetadata() {
  const t = await getTranslations("admin.emailSettings");
  return { title: t("title") };
}

const FORM_WORDS = [
  "smtpHost",
  "smtpHostHint",
  "smtpPort",
  "smtpPortHint",
  "security",
  "none",
  "starttls",
  "tls",
  "smtpUsername",
  "smtpPassword",
  "passwordSavedHint",
  "noPasswordHint",
  "removePassword",
  "fromAddress",
] as const;

/** The from address's example: a name and an address, never translated. */
const FROM_EXAMPLE = "AppMail <noreply@example.com>";

export default async function EmailSettingsPage() {
  await requireRole("ADMIN");
  const settings = await getEmailSettings();
  const configured = Boolean(settings.smtpHost && settings.fromAddress);
  const [t, save] = await Promise.all([
    getTranslations("admin.emailSettings"),
    getTranslations("admin.settings"),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="max-w-xl text-slate-700">
        {t.rich("intro", { link: (chunks) => <Link href="/backend/email">{chunks}</Link> })}
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <EmailSettingsForm
          settings={settings}
          stored={emailSettingsValues(settings)}
          words={{
            ...wordsFor(t, FORM_WORDS),
            fromAddressHint: t("fromAddressHint", { example: FROM_EXAMPLE }),
            save: save("save"),
          }}
        />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <TestEmailForm
          words={{
            heading: t("testHeading"),
            note: configured ? t("testConfigured") : t("testNotConfigured"),
            send: t("sendTest"),
          }}
        />
      </div>
    </>
  );
}
