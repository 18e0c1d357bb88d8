import "server-only";
import Link from "next/link";
import type { CurrentSession } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/settings";
import { currentEnrolmentOffer, recoveryCodesLeft } from "@/lib/totp/enrolment";
import { TrustedBrowserList } from "./trusted-browser-list";
import { TwoFactorPanelClient } from "./two-factor-panel-client";

/** The two-factor section of the account pages and of /login/enroll. */
export async function TwoFactorPanel({
  session,
  enrolling = false,
}: {
  session: CurrentSession;
  enrolling?: boolean;
}) {
  const settings = await getSettings();
  const { user } = session;
  const enrolled = user.totpEnabledAt !== null;
  return (
    <section
      aria-labelledby="two-factor-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id="two-factor-heading" className="text-lg font-semibold">
        Two-factor authentication
      </h2>
      <div className="mt-4">
        {settings.twoFactorEnabled ? (
          <>
            <TwoFactorPanelClient
              enrolled={enrolled}
              offer={enrolled ? null : await currentEnrolmentOffer(user, new Date())}
              recoveryCodesLeft={enrolled ? await recoveryCodesLeft(user.id) : null}
              enrolling={enrolling}
            />
            {enrolled && !enrolling ? <TrustedBrowserList userId={user.id} /> : null}
          </>
        ) : (
          <p className="text-slate-700">
            Two-factor authentication is turned off for this instance.{" "}
            {user.role === "ADMIN" ? (
              <Link href="/backend/settings/2fa" className="font-medium text-indigo-700 underline">
                Open the two-factor settings
              </Link>
            ) : null}
          </p>
        )}
      </div>
    </section>
  );
}
