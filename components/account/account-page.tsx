import { getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/session";
import { SignedInBrowsers } from "@/components/signed-in-browsers/signed-in-browsers";
import { PasskeySection } from "@/components/passkeys/passkey-section";
import { Card } from "@/components/ui/card";
import { PASSWORD_MIN } from "@/lib/forms/field-limits";
import { ChangePasswordForm } from "./change-password-form";
import { LanguageSection } from "./language-section";

/**
 * The account page both areas share: profile, language, two-factor panel, passkeys, password,
 * signed-in browsers.
 */
export async function AccountPage({
  session,
  twoFactorPanel,
}: {
  session: CurrentSession;
  twoFactorPanel?: React.ReactNode;
}) {
  const { user } = session;
  const [t, password] = await Promise.all([
    getTranslations("account.page"),
    getTranslations("account.password"),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <Card title={t("profile")}>
        <dl className="grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-600">{t("name")}</dt>
          <dd>{user.name}</dd>
          <dt className="text-slate-600">{t("email")}</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="text-slate-600">{t("role")}</dt>
          <dd>{user.role === "ADMIN" ? t("admin") : t("customer")}</dd>
        </dl>
      </Card>
      <LanguageSection language={user.language} />
      {twoFactorPanel}
      <PasskeySection session={session} />
      <Card title={password("heading")}>
        <ChangePasswordForm
          words={{
            current: password("current"),
            new: password("new"),
            hint: password("hint", { min: PASSWORD_MIN }),
            submit: password("submit"),
          }}
        />
      </Card>
      <SignedInBrowsers session={session} />
    </>
  );
}

/** The account pages' title, in the request's language. */
export async function accountPageMetadata() {
  return { title: (await getTranslations("account.page"))("title") };
}
