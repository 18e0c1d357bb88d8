import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { fieldWords } from "@/components/two-factor/field-words";
import { PageAlert } from "@/components/ui/page-alert";
import { PASSWORD_MIN } from "@/lib/forms/field-limits";
import { lockNoticeFor } from "@/lib/two-factor/code-attempts";
import { accountOfResetLink } from "@/lib/password-reset/tokens";
import { failureSayer } from "@/words/failure-words";
import { ResetForm } from "./reset-form";

export async function generateMetadata() {
  return { title: (await getTranslations("login.reset"))("title") };
}

/** An unknown, used or expired link answers 404 with not-found.tsx beside this page. */
export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const now = new Date();
  const link = await accountOfResetLink(token, now);
  if (!link) notFound();
  const { account } = link;
  const lockNotice = account.secondFactor ? await lockNoticeFor(account.id, now) : null;
  const [t, fields, sayer] = await Promise.all([
    getTranslations("login.reset"),
    fieldWords(),
    failureSayer(),
  ]);
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="mt-2 text-slate-700">{t("intro", { email: account.email })}</p>
      {lockNotice ? <PageAlert>{sayer.say(lockNotice)}</PageAlert> : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ResetForm
          token={token}
          secondFactor={account.secondFactor}
          withApp={account.withApp}
          passkey={account.passkey}
          words={{
            newPassword: t("newPassword"),
            newPasswordHint: t("newPasswordHint", { min: PASSWORD_MIN }),
            instruction: {
              code: t("instruction.code"),
              codeOrPasskey: t("instruction.codeOrPasskey"),
              recovery: t("instruction.recovery"),
              recoveryOrPasskey: t("instruction.recoveryOrPasskey"),
              withoutApp: t("instruction.withoutApp"),
            },
            submit: t("submit"),
            passkey: t("passkey"),
            fields,
          }}
        />
      </div>
    </main>
  );
}
