import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldError } from "@/lib/forms/form-state";
import type { EnrolmentOffer } from "@/lib/two-factor/enrolment";
import { startTwoFactorSetupAction, type PanelState } from "./actions";
import { CodeField } from "./code-field";
import type { FieldWords } from "./field-words";
import { CurrentPasswordField } from "./current-password-field";
import { SetupKey, type SetupKeyWords } from "./setup-key";

export type EnableFormWords = {
  scan: string;
  enter: string;
  qrCode: string;
  openInApp: string;
  /** "Shown in the app as “<issuer>”." */
  shownAs: string;
  submit: string;
  startAgain: string;
  setupKey: SetupKeyWords;
};

/** The QR code and setup key of a started enrolment, and the form that enables it with a code. */
export function EnableForm({
  offer,
  enable,
  state,
  fieldWords,
  words,
}: {
  offer: EnrolmentOffer;
  words: EnableFormWords;
  enable: (formData: FormData) => void;
  state: PanelState;
  fieldWords: FieldWords;
}) {
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-slate-700">
        <li>{words.scan}</li>
        <li>{words.enter}</li>
      </ol>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* eslint-disable-next-line @next/next/no-img-element -- an inline data URL made on the server */}
        <img
          src={offer.qrCodeDataUrl}
          alt={words.qrCode}
          width={220}
          height={220}
          className="rounded border border-slate-200 bg-white"
        />
        <div className="min-w-0 flex-1 space-y-3">
          <SetupKey setupKey={offer.setupKey} words={words.setupKey} />
          {/* The otpauth URI itself: on the phone that holds the app, the app takes it from here. */}
          <a
            href={offer.otpauthUri}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-indigo-700 hover:bg-slate-100"
          >
            {words.openInApp}
          </a>
          <p className="text-sm text-slate-600">{words.shownAs}</p>
        </div>
      </div>
      <form action={enable} className="max-w-sm space-y-3" noValidate>
        <FormMessage state={state} id="enable-message" />
        <CurrentPasswordField
          id="enable-password"
          words={fieldWords.currentPassword}
          {...fieldError(state, "password", "enable-message")}
        />
        <CodeField
          id="enable-code"
          words={fieldWords.code}
          {...fieldError(state, "code", "enable-message")}
        />
        <SubmitButton>{words.submit}</SubmitButton>
      </form>
      <form action={startTwoFactorSetupAction}>
        <button type="submit" className="text-sm font-medium text-indigo-700 underline">
          {words.startAgain}
        </button>
      </form>
    </div>
  );
}
