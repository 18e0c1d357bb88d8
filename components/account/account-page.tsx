import type { CurrentSession } from "@/lib/auth/session";
import { SignedInBrowsers } from "@/components/signed-in-browsers/signed-in-browsers";
import { PasskeySection } from "@/components/passkeys/passkey-section";
import { Card } from "@/components/ui/card";
import { ChangePasswordForm } from "./change-password-form";

/** The account page both areas share: profile, two-factor panel, password, signed-in browsers. */
export function AccountPage({
  session,
  twoFactorPanel,
}: {
  session: CurrentSession;
  twoFactorPanel?: React.ReactNode;
}) {
  const { user } = session;
  return (
    <>
      <h1 className="text-2xl font-semibold">Account</h1>
      <Card title="Profile">
        <dl className="grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-600">Name</dt>
          <dd>{user.name}</dd>
          <dt className="text-slate-600">Email</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="text-slate-600">Role</dt>
          <dd>{user.role === "ADMIN" ? "Admin" : "Customer"}</dd>
        </dl>
      </Card>
      {twoFactorPanel}
      <PasskeySection session={session} />
      <Card title="Change password">
        <ChangePasswordForm />
      </Card>
      <SignedInBrowsers session={session} />
    </>
  );
}
