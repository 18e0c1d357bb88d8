import { SignOutButton } from "@/components/sign-out/sign-out-button";
import { PageAlert } from "@/components/ui/page-alert";
import { lockNoticeFor } from "@/lib/auth/code-attempts";
import { requireStage } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { VerifyForm } from "./verify-form";

export const metadata = { title: "Two-step verification" };

export default async function VerifyPage() {
  const session = await requireStage("AWAITING_CODE");
  const [lockNotice, settings] = await Promise.all([
    lockNoticeFor(session.user.id, new Date()),
    getSettings(),
  ]);
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Two-step verification</h1>
      <p className="mt-2 text-slate-700">
        Enter the 6-digit code from your authenticator app for {session.user.email}.
      </p>
      {lockNotice ? <PageAlert>{lockNotice}</PageAlert> : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <VerifyForm trustDays={settings.trustBrowserDays} />
      </div>
      <div className="mt-6">
        <SignOutButton />
      </div>
    </main>
  );
}
