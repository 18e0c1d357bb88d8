import { SignOutButton } from "@/components/sign-out/sign-out-button";
import { RETURN_PARAM, safeReturnPath } from "@/lib/auth/return-path";
import { secondStepPageFacts } from "@/lib/sign-in/second-step";
import { requireStage } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { LockNotice } from "./lock-notice";
import { PasskeyStep } from "./passkey-step";
import { VerifyForm } from "./verify-form";
import { failureSayer } from "@/words/failure-words";

export const metadata = { title: "Two-step verification" };

export default async function VerifyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The page first asked for (docs/rules.md, rule 30), carried on to where the sign-in ends.
  const next = safeReturnPath((await searchParams)[RETURN_PARAM]);
  const session = await requireStage("AWAITING_CODE", next);
  const [{ lockNotice, lockedUntil, hasPasskey: passkey }, settings, failures] = await Promise.all([
    secondStepPageFacts(session.user.id, new Date()),
    getSettings(),
    failureSayer(),
  ]);
  const withApp = session.user.totpEnabledAt !== null;
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Two-step verification</h1>
      {lockNotice && lockedUntil ? (
        <LockNotice notice={failures.say(lockNotice)} lockedUntil={lockedUntil.toISOString()} />
      ) : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <VerifyForm
          trustDays={settings.trustBrowserDays}
          withApp={withApp}
          email={session.user.email}
          next={next}
          lockedUntil={lockedUntil?.toISOString() ?? null}
        />
        {passkey && settings.allowPasskeys ? (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <PasskeyStep next={next} />
          </div>
        ) : null}
      </div>
      <div className="mt-6">
        <SignOutButton />
      </div>
    </main>
  );
}
