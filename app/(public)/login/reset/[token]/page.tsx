import { notFound } from "next/navigation";
import { PageAlert } from "@/components/ui/page-alert";
import { lockNoticeFor } from "@/lib/two-factor/code-attempts";
import { accountOfResetLink } from "@/lib/password-reset/tokens";
import { failureSayer } from "@/words/failure-words";
import { ResetForm } from "./reset-form";

export const metadata = { title: "Choose a new password" };

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
  return (
    <main className="mx-auto max-w-md px-4 py-12">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      <p className="mt-2 text-slate-700">
        For {account.email}. Every browser signed in to this account will be signed out.
      </p>
      {lockNotice ? <PageAlert>{(await failureSayer()).say(lockNotice)}</PageAlert> : null}
      <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ResetForm
          token={token}
          secondFactor={account.secondFactor}
          withApp={account.withApp}
          passkey={account.passkey}
        />
      </div>
    </main>
  );
}
