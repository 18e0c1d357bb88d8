"use client";

import { useRouter } from "next/navigation";
import { lazy, Suspense, useState } from "react";
import type { FieldWords } from "@/components/two-factor/field-words";
import { finishEnrolment } from "@/components/two-factor/finish-enrolment";
import type { RecoveryCodesWords } from "@/components/two-factor/recovery-codes";
import { RecoveryCodes } from "@/components/two-factor/shown-later";
import {
  SignOutOthersOffer,
  type SignOutOthersOfferWords,
} from "@/components/signed-in-browsers/sign-out-others-offer";
import { useReturnFocus } from "@/components/ui/confirmation-focus";
import { fillIn } from "@/lib/format/fill-in";
import type { AddedPasskey, AddPasskeyFormWords } from "./add-passkey-form";
import {
  PasskeyAddressNotice,
  useWrongPasskeyAddress,
  type PasskeyAddressWords,
} from "./passkey-address";

export type AddPasskeyWords = {
  form: AddPasskeyFormWords;
  /** "Passkey “{name}” added.", the name filled in here. */
  added: string;
  address: PasskeyAddressWords;
  /** The 10 recovery codes a first passkey brings, and their file. */
  recoveryCodes: RecoveryCodesWords;
  offer: SignOutOthersOfferWords;
};

// The form, and the WebAuthn helper it uses, load when the form opens, not with the page
// (docs/architecture.md, "What the browser loads"); each module is fetched once.
const loadForm = () => import("./add-passkey-form");
const AddPasskeyForm = lazy(() =>
  loadForm().then((module) => ({ default: module.AddPasskeyForm })),
);

/**
 * "Add a passkey": the current password (and a code when the account has an authenticator app,
 * or one of its passkeys when those are its only second factor), then the browser's prompt, then
 * the new passkey is stored; an account without recovery codes gets its 10 here. On
 * /login/enroll it completes the sign-in.
 */
export function AddPasskey({
  withCode,
  withPasskey,
  enrolling,
  next = null,
  origin,
  fieldWords,
  words,
}: {
  withCode: boolean;
  withPasskey: boolean;
  enrolling: boolean;
  /** On /login/enroll, the page first asked for (docs/rules.md, rule 30). */
  next?: string | null;
  words: AddPasskeyWords;
  /** The relying party's origin: at any other address, the button says where passkeys work. */
  origin: string;
  fieldWords: FieldWords;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<AddedPasskey | null>(null);
  const opener = useReturnFocus(open ? "form" : null)("form");
  const wrongAddress = useWrongPasskeyAddress(origin);

  function finish() {
    if (enrolling) finishEnrolment(next);
    else router.refresh();
  }

  function onAdded(passkey: AddedPasskey) {
    setOpen(false);
    setAdded(passkey);
    if (!passkey.recoveryCodes) finish();
  }

  const offer = (
    <SignOutOthersOffer otherBrowsers={added?.otherBrowsers ?? 0} words={words.offer} />
  );
  const codes = added?.recoveryCodes;
  if (added && codes) {
    return (
      <div className="space-y-3">
        <Suspense fallback={null}>
          <RecoveryCodes
            codes={codes}
            words={words.recoveryCodes}
            onDone={() => {
              setAdded({ ...added, recoveryCodes: null });
              finish();
            }}
          />
        </Suspense>
        {offer}
      </div>
    );
  }
  if (!open) {
    return (
      <div className="space-y-3">
        {added ? (
          <>
            <p role="status" className="text-sm text-green-800">
              {fillIn(words.added, { name: added.name })}
            </p>
            {offer}
          </>
        ) : null}
        {wrongAddress ? (
          <PasskeyAddressNotice origin={origin} id="add-passkey-address" words={words.address} />
        ) : null}
        <button
          ref={opener}
          type="button"
          disabled={wrongAddress}
          aria-describedby={wrongAddress ? "add-passkey-address" : undefined}
          onClick={() => {
            setAdded(null);
            setOpen(true);
            void loadForm()
              .then(() => import("@simplewebauthn/browser"))
              .catch(() => undefined);
          }}
          className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {words.form.submit}
        </button>
      </div>
    );
  }
  return (
    <Suspense fallback={null}>
      <AddPasskeyForm
        withCode={withCode}
        withPasskey={withPasskey}
        onAdded={onAdded}
        onCancel={() => setOpen(false)}
        fieldWords={fieldWords}
        words={words.form}
      />
    </Suspense>
  );
}
