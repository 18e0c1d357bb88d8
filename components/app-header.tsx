import Link from "next/link";
import { homeFor, type CurrentSession } from "@/lib/auth/session";
import { displayName, getSettings } from "@/lib/settings/settings";
import { MainNavigation } from "./main-navigation";
import { SignOutButton } from "./sign-out/sign-out-button";
import { GraceBanner } from "./two-factor/grace-banner";

const NAVIGATION = {
  ADMIN: [
    { href: "/backend", label: "Dashboard" },
    { href: "/backend/users", label: "Users" },
    { href: "/backend/settings/2fa", label: "2FA settings" },
    { href: "/backend/settings/email", label: "E-mail settings" },
    { href: "/backend/settings/general", label: "General settings" },
    { href: "/backend/email", label: "Outbox" },
    { href: "/backend/security", label: "Security overview" },
    { href: "/backend/audit", label: "Security log" },
    { href: "/backend/account", label: "Account" },
  ],
  CUSTOMER: [
    { href: "/customer", label: "Dashboard" },
    { href: "/customer/account", label: "Account" },
  ],
} as const;

export async function AppHeader({ session }: { session: CurrentSession }) {
  const settings = await getSettings();
  const links = NAVIGATION[session.user.role === "ADMIN" ? "ADMIN" : "CUSTOMER"];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        {/* The area's home itself, not "/", which would only redirect there (and be prefetched). */}
        {/* A company name may be 100 characters with no space: it wraps within the screen. */}
        <Link
          href={homeFor(session)}
          className="min-w-0 text-lg font-semibold wrap-anywhere text-slate-900"
        >
          {displayName(settings)}
        </Link>
        <div className="flex min-w-0 flex-wrap items-center gap-3 text-sm">
          <span className="min-w-0 wrap-anywhere text-slate-700">
            Signed in as <span className="font-medium">{session.user.name}</span>
          </span>
          <SignOutButton />
        </div>
      </div>
      <MainNavigation links={links} />
      <GraceBanner session={session} settings={settings} />
    </header>
  );
}

export function PageShell({
  session,
  children,
}: {
  session: CurrentSession;
  children: React.ReactNode;
}) {
  return (
    <>
      <AppHeader session={session} />
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-6">{children}</main>
    </>
  );
}
