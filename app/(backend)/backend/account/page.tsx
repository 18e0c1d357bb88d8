import { AccountPage, accountPageMetadata } from "@/components/account/account-page";
import { TwoFactorPanel } from "@/components/two-factor/two-factor-panel";
import { requireRole } from "@/lib/auth/session";

export const generateMetadata = accountPageMetadata;

export default async function BackendAccountPage() {
  const session = await requireRole("ADMIN");
  return <AccountPage session={session} twoFactorPanel={<TwoFactorPanel session={session} />} />;
}
