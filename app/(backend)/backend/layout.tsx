import { PageShell } from "@/components/app-header";
import { requireRole } from "@/lib/auth/session";

export default async function BackendLayout({ children }: { children: React.ReactNode }) {
  const session = await requireRole("ADMIN");
  return <PageShell session={session}>{children}</PageShell>;
}
