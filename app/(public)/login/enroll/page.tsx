import { getTranslations } from "next-intl/server";
import { PasskeySection } from "@/components/passkeys/passkey-section";
import { SignOutButton } from "@/components/sign-out/sign-out-button";
import { TwoFactorPanel } from "@/components/two-factor/two-factor-panel";
import { RETURN_PARAM, safeReturnPath } from "@/lib/auth/return-path";
import { requireStage } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { enrolmentNeedOf } from "@/lib/two-factor/enrolment-need";

export async function generateMetadata() {
  return { title: (await getTranslations("login.enroll"))("title") };
}

export default async function EnrollPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The page first asked for (docs/rules.md, rule 30), where "Done" continues the sign-in.
  const next = safeReturnPath((await searchParams)[RETURN_PARAM]);
  const session = await requireStage("AWAITING_ENROLMENT", next);
  const { allowPasskeys } = await getSettings();
  // What this sign-in must add (docs/rules.md, rules 8, 33 and 34), from the database.
  const need = await enrolmentNeedOf(session.user.id, new Date(), session.recoveredAt ?? null);
  const t = await getTranslations("login.enroll");
  const { email } = session.user;
  const either = allowPasskeys ? t("either") : t("appOnly");
  const why =
    need === "passkey"
      ? t("passkey", { email })
      : need === "new_factor"
        ? t("newFactor", { email, either })
        : t("twoFactor", { email, either });
  return (
    <main className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <div>
        <h1 className="text-2xl font-semibold">{t("heading")}</h1>
        <p className="mt-2 text-slate-700">{why}</p>
      </div>
      {need === "passkey" ? null : <TwoFactorPanel session={session} enrolling next={next} />}
      <PasskeySection session={session} enrolling next={next} />
      <SignOutButton />
    </main>
  );
}
