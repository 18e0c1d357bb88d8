import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/session";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { listSignedInBrowsers } from "@/lib/auth/signed-in-browsers";
import { browserNames } from "./browser-names";
import { SignOutBrowserForm, SignOutOthersForm } from "./sign-out-browser-form";

/** The account pages' "Signed-in browsers" section (docs/rules.md, rule 22). */
export async function SignedInBrowsers({ session }: { session: CurrentSession }) {
  const [t, locale, names] = await Promise.all([
    getTranslations("account.browsers"),
    getLocale(),
    browserNames(),
  ]);
  const browsers = await listSignedInBrowsers(session, new Date(), names.fromUserAgent);
  return (
    <Card title={t("heading")} id="signed-in-browsers">
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
        {browsers.map((browser) => (
          <li
            key={browser.handle}
            className="flex flex-wrap items-center justify-between gap-2 p-3"
          >
            <div className="text-sm">
              <p className="font-medium">
                {browser.description}
                {browser.current ? (
                  <strong className="ml-2 text-green-800">{t("thisBrowser")}</strong>
                ) : null}
              </p>
              <p className="text-slate-600">{browser.clientAddress ?? t("unknownAddress")}</p>
              <p className="text-slate-600">
                {t.rich("times", {
                  signedIn: () => <DateTime date={browser.signedInAt} locale={locale} />,
                  lastActive: () => <DateTime date={browser.lastActiveAt} locale={locale} />,
                })}
              </p>
            </div>
            {browser.current ? null : (
              <SignOutBrowserForm
                handle={browser.handle}
                label={t("signOut", { browser: browser.description })}
              />
            )}
          </li>
        ))}
      </ul>
      <SignOutOthersForm
        otherBrowsers={browsers.filter((b) => !b.current).length}
        label={t("signOutOthers")}
      />
    </Card>
  );
}
