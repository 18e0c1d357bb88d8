import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { CurrentSession } from "@/lib/auth/session";
import { isRecovering } from "@/lib/auth/stage";
import { listPasskeys } from "@/lib/two-factor/passkeys";
import { displayName, getSettings } from "@/lib/settings/settings";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { fieldWords } from "@/components/two-factor/field-words";
import { signOutOthersOfferWords } from "@/components/signed-in-browsers/offer-words";
import { recoveryCodesWords } from "@/components/two-factor/recovery-codes-words";
import { AddPasskey } from "./add-passkey";
import { passkeyAddressWords, passkeyViews } from "./passkey-words";
import { PasskeyList } from "./passkey-list";

/** The "Passkeys" section of the account pages and of /login/enroll (docs/rules.md, rule 18). */
export async function PasskeySection({
  session,
  enrolling = false,
  next = null,
}: {
  session: CurrentSession;
  enrolling?: boolean;
  /** On /login/enroll, the page first asked for (docs/rules.md, rule 30). */
  next?: string | null;
}) {
  const [settings, t, cancel, locale] = await Promise.all([
    getSettings(),
    getTranslations("account.passkeys"),
    getTranslations("account.confirm").then((confirm) => confirm("cancel")),
    getLocale(),
  ]);
  if (enrolling && !settings.allowPasskeys) return null;
  const passkeys = settings.allowPasskeys ? await listPasskeys(session.user.id) : [];
  // Passkeys as the only second factor: one of them confirms a change (docs/rules.md, rule 27).
  // After an admin-issued recovery code, the password alone adds one (rule 33).
  const recovering = isRecovering(session);
  const fields = await fieldWords();
  const withPasskey = passkeys.length > 0 && session.user.totpEnabledAt === null && !recovering;
  const withCode = session.user.totpEnabledAt !== null && !recovering;
  const origin = relyingParty().origin;
  const offer = await signOutOthersOfferWords();
  return (
    <section
      aria-labelledby="passkeys-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id="passkeys-heading" className="text-lg font-semibold">
        {t("heading")}
      </h2>
      <div className="mt-4 space-y-4">
        {settings.allowPasskeys ? (
          <>
            <p className="text-sm text-slate-700">{t("intro")}</p>
            <PasskeyList
              withPasskey={withPasskey}
              fieldWords={fields}
              passkeys={passkeyViews(passkeys, t, locale, cancel)}
              words={{
                list: t("list"),
                none: t("none"),
                item: {
                  removeExplanation: t(
                    withPasskey ? "removeExplanationWithPasskey" : "removeExplanation",
                  ),
                  cancel,
                },
                offer,
              }}
            />
            <AddPasskey
              withCode={withCode}
              withPasskey={withPasskey}
              enrolling={enrolling}
              next={next}
              fieldWords={fields}
              origin={origin}
              words={{
                form: {
                  explanation: t(
                    withCode
                      ? "addExplanationWithCode"
                      : withPasskey
                        ? "addExplanationWithPasskey"
                        : "addExplanation",
                  ),
                  submit: t("add"),
                  name: t("name"),
                  nameHint: t("nameHint"),
                  cancel,
                },
                added: t("addedNamed", { name: "{name}" }),
                address: await passkeyAddressWords(origin),
                recoveryCodes: await recoveryCodesWords({
                  instance: displayName(settings),
                  email: session.user.email,
                }),
                offer,
              }}
            />
          </>
        ) : (
          <p className="text-sm text-slate-700">{t("turnedOff")}</p>
        )}
      </div>
    </section>
  );
}
