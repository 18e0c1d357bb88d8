import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { homeFor, type CurrentSession } from "@/lib/auth/session";
import { displayName, getSettings } from "@/lib/settings/settings";
import { MainNavigation } from "./main-navigation";
import { SignOutButton } from "./sign-out/sign-out-button";
import { GraceBanner } from "./two-factor/grace-banner";

// Each link's words are the `common` catalogue's "navigation" keys.
const NAVIGATION = {
  ADMIN: [
    { href: "/backend", label: "dashboard" },
    { href: "/backend/users", label: "users" },
    { href: "/backend/settings/2fa", label: "twoFactorSettings" },
    { href: "/backend/settings/email", label: "emailSettings" },
    { href: "/backend/settings/general", label: "generalSettings" },
    { href: "/backend/email", label: "outbox" },
    { href: "/backend/security", label: "securityOverview" },
    { href: "/backend/audit", label: "securityLog" },
    { href: "/backend/account", label: "account" },
  ],
  CUSTOMER: [
    { href: "/customer", label: "dashboard" },
    { href: "/customer/account", label: "account" },
  ],
} as const;

export async function AppHeader({ session }: { session: CurrentSession }) {
  const [settings, t] = await Promise.all([getSettings(), getTranslations("common")]);
  const links = NAVIGATION[session.user.role === "ADMIN" ? "ADMIN" : "CUSTOMER"].map((link) => ({
    href: link.href,
    label: t(`navigation.${link.label}`),
  }));
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
            {t.rich("header.signedInAs", {
              name: session.user.name,
              strong: (chunks) => <span className="font-medium">{chunks}</span>,
            })}
          </span>
          <SignOutButton />
        </div>
      </div>
      <MainNavigation links={links} label={t("header.navigationLabel")} />
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
