import "server-only";
import type { CurrentSession } from "@/lib/auth/session";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { listSignedInBrowsers } from "@/lib/auth/signed-in-browsers";
import { SignOutBrowserForm, SignOutOthersForm } from "./sign-out-browser-form";

/** The account pages' "Signed-in browsers" section (docs/rules.md, rule 22). */
export async function SignedInBrowsers({ session }: { session: CurrentSession }) {
  const browsers = await listSignedInBrowsers(session, new Date());
  return (
    <Card title="Signed-in browsers" id="signed-in-browsers">
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
                  <strong className="ml-2 text-green-800">This browser</strong>
                ) : null}
              </p>
              <p className="text-slate-600">{browser.clientAddress ?? "Unknown address"}</p>
              <p className="text-slate-600">
                Signed in <DateTime date={browser.signedInAt} /> · last active{" "}
                <DateTime date={browser.lastActiveAt} />
              </p>
            </div>
            {browser.current ? null : (
              <SignOutBrowserForm handle={browser.handle} description={browser.description} />
            )}
          </li>
        ))}
      </ul>
      <SignOutOthersForm otherBrowsers={browsers.filter((b) => !b.current).length} />
    </Card>
  );
}
