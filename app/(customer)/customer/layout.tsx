import { PageShell } from "@/components/app-header";
import { requireRole } from "@/lib/auth/session";

export default async function CustomerLayout({ children }: { children: React.ReactNode }) {
  const session = await requireRole("CUSTOMER");
  return <PageShell session={session}>{children}</PageShell>;
}
