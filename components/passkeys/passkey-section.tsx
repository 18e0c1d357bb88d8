import "server-only";
import type { CurrentSession } from "@/lib/auth/session";
import { isRecovering } from "@/lib/auth/stage";
import { listPasskeys } from "@/lib/two-factor/passkeys";
import { displayName, getSettings } from "@/lib/settings/settings";
import { formatDateTime } from "@/lib/format/date-time";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { fieldWords } from "@/components/two-factor/field-words";
import { AddPasskey } from "./add-passkey";
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
  const settings = await getSettings();
  if (enrolling && !settings.allowPasskeys) return null;
  const passkeys = settings.allowPasskeys ? await listPasskeys(session.user.id) : [];
  // Passkeys as the only second factor: one of them confirms a change (docs/rules.md, rule 27).
  // After an admin-issued recovery code, the password alone adds one (rule 33).
  const recovering = isRecovering(session);
  const fields = await fieldWords();
  const withPasskey = passkeys.length > 0 && session.user.totpEnabledAt === null && !recovering;
  return (
    <section
      aria-labelledby="passkeys-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id="passkeys-heading" className="text-lg font-semibold">
        Passkeys
      </h2>
      <div className="mt-4 space-y-4">
        {settings.allowPasskeys ? (
          <>
            <p className="text-sm text-slate-700">
              A passkey signs you in with your device’s screen lock instead of a password and code.
            </p>
            <PasskeyList
              withPasskey={withPasskey}
              fieldWords={fields}
              passkeys={passkeys.map((passkey) => ({
                id: passkey.id,
                name: passkey.name,
                added: formatDateTime(passkey.createdAt),
                lastUsed: passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : null,
              }))}
            />
            <AddPasskey
              withCode={session.user.totpEnabledAt !== null && !recovering}
              withPasskey={withPasskey}
              enrolling={enrolling}
              next={next}
              owner={{ instance: displayName(settings), email: session.user.email }}
              origin={relyingParty().origin}
              fieldWords={fields}
            />
          </>
        ) : (
          <p className="text-sm text-slate-700">Passkeys are turned off for this instance.</p>
        )}
      </div>
    </section>
  );
}
