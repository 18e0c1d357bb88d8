import { PasskeySection } from "@/components/passkeys/passkey-section";
import { SignOutButton } from "@/components/sign-out/sign-out-button";
import { TwoFactorPanel } from "@/components/two-factor/two-factor-panel";
import { requireStage } from "@/lib/auth/session";

export const metadata = { title: "Set up two-factor authentication" };

export default async function EnrollPage() {
  const session = await requireStage("AWAITING_ENROLMENT");
  return (
    <main className="mx-auto max-w-2xl space-y-6 px-4 py-12">
      <div>
        <h1 className="text-2xl font-semibold">Set up two-factor authentication to continue</h1>
        <p className="mt-2 text-slate-700">
          Your administrator requires two-factor authentication for {session.user.email}.
        </p>
      </div>
      <TwoFactorPanel session={session} enrolling />
      <PasskeySection session={session} enrolling />
      <SignOutButton />
    </main>
  );
}
