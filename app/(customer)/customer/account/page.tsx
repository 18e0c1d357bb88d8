import { AccountPage } from "@/components/account/account-page";
import { requireRole } from "@/lib/auth/session";

export const metadata = { title: "Account" };

export default async function CustomerAccountPage() {
  const session = await requireRole("CUSTOMER");
  return <AccountPage session={session} />;
}
