import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { listTrustedBrowsers } from "@/lib/two-factor/trusted-browsers";
import { browserNames } from "@/components/signed-in-browsers/browser-names";
import { DateTime } from "@/components/ui/date-time";
import { revokeTrustedBrowserAction } from "./actions";

export async function TrustedBrowserList({ userId }: { userId: string }) {
  const [stored, t, locale, names] = await Promise.all([
    listTrustedBrowsers(userId, new Date()),
    getTranslations("account.twoFactor.trusted"),
    getLocale(),
    browserNames(),
  ]);
  const browsers = stored.map((browser) => ({
    ...browser,
    description: names.fromStored(browser.description),
  }));
  return (
    <div className="mt-6">
      <h3 className="font-semibold">{t("heading")}</h3>
      {browsers.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200">
          {browsers.map((browser) => (
            <li key={browser.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div className="text-sm">
                <p className="font-medium">{browser.description}</p>
                <p className="text-slate-600">
                  {t.rich("used", {
                    lastUsed: () => <DateTime date={browser.lastUsedAt} locale={locale} />,
                    until: () => <DateTime date={browser.expiresAt} locale={locale} />,
                  })}
                </p>
              </div>
              <form action={revokeTrustedBrowserAction}>
                <input type="hidden" name="id" value={browser.id} />
                <button
                  type="submit"
                  aria-label={t("revokeLabel", { browser: browser.description })}
                  className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
                >
                  {t("revoke")}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
