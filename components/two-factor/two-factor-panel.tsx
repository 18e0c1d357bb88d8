import "server-only";
import { getTranslations } from "next-intl/server";
import { signOutOthersOfferWords } from "@/components/signed-in-browsers/offer-words";
import type { CurrentSession } from "@/lib/auth/session";
import { isRecovering } from "@/lib/auth/stage";
import { displayName, getSettings } from "@/lib/settings/settings";
import { currentEnrolmentOffer, type EnrolmentOffer } from "@/lib/two-factor/enrolment";
import { recoveryCodesLeft } from "@/lib/two-factor/recovery-code-store";
import { fieldWords } from "./field-words";
import type { RecoveryCodesOwner } from "@/lib/two-factor/recovery-codes-file";
import { recoveryCodesWords } from "./recovery-codes-words";
import { TrustedBrowserList } from "./trusted-browser-list";
import { TurnedOffNotice } from "./turned-off-notice";
import { TwoFactorPanelClient, type TwoFactorPanelWords } from "./two-factor-panel-client";

/** At or below this many unused recovery codes, the panel warns (PRODUCT.md, "Account protection"). */
const FEW_RECOVERY_CODES = 2;

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
  const [settings, t] = await Promise.all([getSettings(), getTranslations("account.twoFactor")]);
  const { user } = session;
  // After an admin-issued recovery code, a new app replaces the lost one (docs/rules.md, rule 33).
  const replacing = enrolling && isRecovering(session);
  const enrolled = user.totpEnabledAt !== null && !replacing;
  const offer = enrolled ? null : await currentEnrolmentOffer(user, new Date(), replacing);
  const left = enrolled ? await recoveryCodesLeft(user.id) : null;
  const owner = { instance: displayName(settings), email: user.email };
  return (
    <section
      aria-labelledby="two-factor-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id="two-factor-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <div className="mt-4">
        {settings.twoFactorEnabled ? (
          <>
            <TwoFactorPanelClient
              enrolled={enrolled}
              offer={offer}
              enrolling={enrolling}
              next={next}
              fieldWords={await fieldWords()}
              words={await panelWords(offer, left, owner)}
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

/** What the panel's views say, in the request's language. */
async function panelWords(
  offer: EnrolmentOffer | null,
  left: number | null,
  owner: RecoveryCodesOwner,
): Promise<TwoFactorPanelWords> {
  const [t, cancel] = await Promise.all([
    getTranslations("account.twoFactor"),
    getTranslations("account.confirm").then((confirm) => confirm("cancel")),
  ]);
  const few = left !== null && left <= FEW_RECOVERY_CODES;
  return {
    start: { intro: t("start.intro"), button: t("start.button") },
    enable: {
      scan: t("enable.scan"),
      enter: t("enable.enter"),
      qrCode: t("enable.qrCode"),
      openInApp: t("enable.openInApp"),
      shownAs: t("enable.shownAs", { issuer: offer?.issuer ?? "" }),
      submit: t("enable.submit"),
      startAgain: t("enable.startAgain"),
      setupKey: {
        label: t("setupKey.label"),
        copy: t("setupKey.copy"),
        copied: t("setupKey.copied"),
        copyFailed: t("setupKey.copyFailed"),
      },
    },
    enabled: {
      status: t("enabled.status"),
      enabled: t("enabled.enabled"),
      codesLeft:
        left === null
          ? null
          : {
              text: few
                ? t("enabled.fewCodes", { count: left })
                : t("enabled.unusedCodes", { count: left }),
              few,
            },
      regenerateExplanation: t("enabled.regenerateExplanation"),
      regenerate: t("enabled.regenerate"),
      disableExplanation: t("enabled.disableExplanation"),
      disable: t("enabled.disable"),
      cancel,
    },
    recoveryCodes: await recoveryCodesWords(owner),
    offer: await signOutOthersOfferWords(),
  };
}
