import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import { ClientWords } from "@/components/client-words";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "AppMail", template: "%s · AppMail" },
  robots: { index: false, follow: false },
};

// Every page reads the session or the database, and carries a per-request CSP nonce.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The language shown (docs/rules.md, "Languages").
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {children}
        <ClientWords />
      </body>
    </html>
  );
}
