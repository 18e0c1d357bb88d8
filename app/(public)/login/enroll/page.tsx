import { PasskeySection } from "@/components/passkeys/passkey-section";
import { SignOutButton } from "@/components/sign-out/sign-out-button";
import { TwoFactorPanel } from "@/components/two-factor/two-factor-panel";
import { RETURN_PARAM, safeReturnPath } from "@/lib/auth/return-path";
import { requireStage } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { enrolmentNeedOf } from "@/lib/two-factor/enrolment-need";

export const metadata = { title: "Set up two-factor authentication" };

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
  const either = allowPasskeys
    ? "An authenticator app or a passkey will do: set up either one below."
    : "Set up an authenticator app below.";
  const why =
    need === "passkey"
      ? `Your administrator requires a passkey for ${session.user.email}. Add one below to continue.`
      : need === "new_factor"
        ? `You signed in with a recovery code from your administrator. Set up a new second factor for ${session.user.email} before anything else. ${either}`
        : `Your administrator requires two-factor authentication for ${session.user.email}. ${either}`;
  return (
    <main className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <div>
        <h1 className="text-2xl font-semibold">Set up two-factor authentication to continue</h1>
        <p className="mt-2 text-slate-700">{why}</p>
      </div>
      {need === "passkey" ? null : <TwoFactorPanel session={session} enrolling next={next} />}
      <PasskeySection session={session} enrolling next={next} />
      <SignOutButton />
    </main>
  );
}
