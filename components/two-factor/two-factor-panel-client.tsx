"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { idleState } from "@/lib/forms/form-state";
import type { EnrolmentOffer } from "@/lib/totp/enrolment";
import {
  disableTwoFactorAction,
  enableTwoFactorAction,
  finishEnrolment,
  regenerateRecoveryCodesAction,
  startTwoFactorSetup,
  type PanelState,
} from "./actions";
import { CodeField } from "./code-field";
import { RecoveryCodes } from "./recovery-codes";

type Props = {
  enrolled: boolean;
  offer: EnrolmentOffer | null;
  recoveryCodesLeft: number | null;
  /** On /login/enroll, "Done" continues the sign-in. */
  enrolling: boolean;
};

export function TwoFactorPanelClient({ enrolled, offer, recoveryCodesLeft, enrolling }: Props) {
  const router = useRouter();
  const [enableState, enable] = useActionState(enableTwoFactorAction, idleState as PanelState);
  const [regenerateState, regenerate] = useActionState(
    regenerateRecoveryCodesAction,
    idleState as PanelState,
  );
  const [shownCodes, setShownCodes] = useState<string[] | null>(null);
  const [dismissed, setDismissed] = useState<string[][]>([]);

  const fresh = [enableState.recoveryCodes, regenerateState.recoveryCodes].find(
    (codes) => codes && !dismissed.includes(codes),
  );
  const codes = shownCodes ?? fresh ?? null;

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setDismissed((list) => [...list, codes]);
          setShownCodes(null);
          if (enrolling) void finishEnrolment(new FormData());
          else router.refresh();
        }}
      />
    );
  }

  if (enrolled) {
    return (
      <EnabledView
        recoveryCodesLeft={recoveryCodesLeft}
        regenerate={regenerate}
        regenerateState={regenerateState}
      />
    );
  }

  if (!offer) {
    return (
      <form action={startTwoFactorSetup} className="space-y-3">
        <p className="text-slate-700">
          Protect your account with a 6-digit code from an authenticator app (Google Authenticator,
          Microsoft Authenticator, Authy, 1Password, Aegis or FreeOTP).
        </p>
        <SubmitButton>Set up two-factor authentication</SubmitButton>
      </form>
    );
  }

  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-slate-700">
        <li>Scan the QR code with your authenticator app, or type the setup key into it.</li>
        <li>Enter your current password and the 6-digit code the app shows, then choose Enable.</li>
      </ol>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* eslint-disable-next-line @next/next/no-img-element -- an inline data URL made on the server */}
        <img
          src={offer.qrCodeDataUrl}
          alt="QR code"
          width={220}
          height={220}
          className="rounded border border-slate-200 bg-white"
        />
        <div className="min-w-0 flex-1 space-y-2">
          <label htmlFor="setup-key" className="block text-sm font-medium">
            Setup key
          </label>
          <input
            id="setup-key"
            readOnly
            value={offer.setupKey}
            className="block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
          />
          <p className="text-sm text-slate-600">Shown in the app as “{offer.issuer}”.</p>
        </div>
      </div>
      <form action={enable} className="max-w-sm space-y-3" noValidate>
        <FormMessage state={enableState} />
        <Field
          id="enable-password"
          label="Current password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={256}
          error={enableState.fieldErrors?.password}
        />
        <CodeField id="enable-code" error={enableState.fieldErrors?.code} />
        <SubmitButton>Enable</SubmitButton>
      </form>
      <form action={startTwoFactorSetup}>
        <button type="submit" className="text-sm font-medium text-indigo-700 underline">
          Start again with a new QR code
        </button>
      </form>
    </div>
  );
}

function EnabledView({
  recoveryCodesLeft,
  regenerate,
  regenerateState,
}: {
  recoveryCodesLeft: number | null;
  regenerate: (formData: FormData) => void;
  regenerateState: PanelState;
}) {
  const [open, setOpen] = useState<"none" | "regenerate" | "disable">("none");
  const [disableState, disable] = useActionState(disableTwoFactorAction, idleState as PanelState);
  return (
    <div className="space-y-4">
      <p>
        Status: <strong className="text-green-800">Enabled</strong>
      </p>
      {recoveryCodesLeft !== null ? (
        <p className="text-sm text-slate-700">
          {recoveryCodesLeft} unused recovery code{recoveryCodesLeft === 1 ? "" : "s"}.
        </p>
      ) : null}
      {open === "regenerate" ? (
        <form
          action={regenerate}
          className="max-w-sm space-y-3 rounded-md border border-slate-200 p-4"
          noValidate
        >
          <p className="text-sm text-slate-700">
            New codes replace all of your current recovery codes. Confirm with a current code.
          </p>
          <FormMessage state={regenerateState} />
          <CodeField id="regenerate-code" error={regenerateState.fieldErrors?.code} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton>Regenerate recovery codes</SubmitButton>
            <button
              type="button"
              onClick={() => setOpen("none")}
              className="min-h-11 px-3 text-sm underline"
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {open === "disable" ? (
        <form
          action={disable}
          className="max-w-sm space-y-3 rounded-md border border-red-200 p-4"
          noValidate
        >
          <p className="text-sm text-slate-700">
            Confirm with your current password and a current code from your app.
          </p>
          <FormMessage state={disableState} />
          <Field
            id="disable-password"
            label="Current password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={256}
            error={disableState.fieldErrors?.password}
          />
          <CodeField id="disable-code" error={disableState.fieldErrors?.code} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger">Disable two-factor authentication</SubmitButton>
            <button
              type="button"
              onClick={() => setOpen("none")}
              className="min-h-11 px-3 text-sm underline"
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {open === "none" ? (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => setOpen("regenerate")}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
          >
            Regenerate recovery codes
          </button>
          <button
            type="button"
            onClick={() => setOpen("disable")}
            className="min-h-11 rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50"
          >
            Disable two-factor authentication
          </button>
        </div>
      ) : null}
    </div>
  );
}
