import "server-only";
import type { CurrentSession } from "@/lib/auth/session";
import { isRecovering } from "@/lib/auth/stage";
import { displayName, getSettings } from "@/lib/settings/settings";
import { currentEnrolmentOffer } from "@/lib/two-factor/enrolment";
import { recoveryCodesLeft } from "@/lib/two-factor/recovery-code-store";
import { fieldWords } from "./field-words";
import { TrustedBrowserList } from "./trusted-browser-list";
import { TurnedOffNotice } from "./turned-off-notice";
import { TwoFactorPanelClient } from "./two-factor-panel-client";

/** The two-factor section of the account pages and of /login/enroll. */
export async function TwoFactorPanel({
  session,
  enrolling = false,
  next = null,
}: {
  session: CurrentSession;
  enrolling?: boolean;
  /** On /login/enroll, the page first asked for (docs/rules.md, rule 30). */
  next?: string | null;
}) {
  const settings = await getSettings();
  const { user } = session;
  // After an admin-issued recovery code, a new app replaces the lost one (docs/rules.md, rule 33).
  const replacing = enrolling && isRecovering(session);
  const enrolled = user.totpEnabledAt !== null && !replacing;
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
              offer={enrolled ? null : await currentEnrolmentOffer(user, new Date(), replacing)}
              recoveryCodesLeft={enrolled ? await recoveryCodesLeft(user.id) : null}
              enrolling={enrolling}
              next={next}
              owner={{ instance: displayName(settings), email: user.email }}
              fieldWords={await fieldWords()}
            />
            {enrolled && !enrolling ? <TrustedBrowserList userId={user.id} /> : null}
          </>
        ) : (
          <TurnedOffNotice admin={user.role === "ADMIN"} />
        )}
      </div>
    </section>
  );
}
