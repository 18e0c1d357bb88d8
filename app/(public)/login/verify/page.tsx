import { getLocale, getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/sign-out/sign-out-button";
import { fieldWords } from "@/components/two-factor/field-words";
import { RETURN_PARAM, safeReturnPath } from "@/lib/auth/return-path";
import { secondStepPageFacts } from "@/lib/sign-in/second-step";
import { requireStage } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { failureSayer } from "@/words/failure-words";
import { LockNotice } from "./lock-notice";
import { PasskeyStep } from "./passkey-step";
import { VerifyForm } from "./verify-form";

export async function generateMetadata() {
  return { title: (await getTranslations("login.verify"))("title") };
}

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The page first asked for (docs/rules.md, rule 30), carried on to where the sign-in ends.
  const next = safeReturnPath((await searchParams)[RETURN_PARAM]);
  const session = await requireStage("AWAITING_CODE", next);
  const [{ lockNotice, lockedUntil, hasPasskey: passkey }, settings] = await Promise.all([
    secondStepPageFacts(session.user.id, new Date()),
    getSettings(),
  ]);
  const [t, locale, fields, sayer] = await Promise.all([
    getTranslations("login.verify"),
    getLocale(),
    fieldWords(),
    failureSayer(),
  ]);
  const withApp = session.user.totpEnabledAt !== null;
  const email = session.user.email;
  // Both instructions, so that switching methods in the browser needs no words from the server.
  const instruction = withApp
    ? { code: t("instruction.code", { email }), recovery: t("instruction.recovery", { email }) }
    : {
        code: t("instruction.withoutApp", { email }),
        recovery: t("instruction.withoutApp", { email }),
      };
  const lockWords = {
    locale,
    until: t.raw("lockedUntil") as string,
    untilDay: t.raw("lockedUntilDay") as string,
  };
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      {lockNotice && lockedUntil ? (
        <LockNotice
          notice={sayer.say(lockNotice)}
          lockedUntil={lockedUntil.toISOString()}
          words={lockWords}
        />
      ) : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <VerifyForm
          withApp={withApp}
          next={next}
          lockedUntil={lockedUntil?.toISOString() ?? null}
          words={{
            instruction,
            trust: settings.trustBrowserDays > 0 ? t("trust") : null,
            trustHint: t("trustHint", { days: settings.trustBrowserDays }),
            submit: t("submit"),
            fields,
          }}
        />
        {passkey && settings.allowPasskeys ? (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <PasskeyStep next={next} label={t("passkey")} />
          </div>
        ) : null}
      </div>
      <div className="mt-6">
        <SignOutButton />
      </div>
    </main>
  );
}
