"use client";

import { useRouter } from "next/navigation";
import { Suspense, useActionState, useState } from "react";
import {
  SignOutOthersOffer,
  type SignOutOthersOfferWords,
} from "@/components/signed-in-browsers/sign-out-others-offer";
import { FormMessage } from "@/components/ui/form-message";
import type { FieldWords } from "./field-words";
import { idleState } from "@/lib/forms/form-state";
import type { EnrolmentOffer } from "@/lib/two-factor/enrolment";
import {
  disableTwoFactorAction,
  enableTwoFactorAction,
  regenerateRecoveryCodesAction,
  type PanelState,
} from "./actions";
import type { EnableFormWords } from "./enable-form";
import { EnabledView, type EnabledViewWords } from "./enabled-view";
import { finishEnrolment } from "./finish-enrolment";
import type { RecoveryCodesWords } from "./recovery-codes";
import { EnableForm, RecoveryCodes } from "./shown-later";
import { StartSetup, type StartSetupWords } from "./start-setup";

/** Every word the panel's views show, translated by the server (two-factor-panel.tsx). */
export type TwoFactorPanelWords = {
  start: StartSetupWords;
  enable: EnableFormWords;
  enabled: EnabledViewWords;
  recoveryCodes: RecoveryCodesWords;
  offer: SignOutOthersOfferWords;
};

type Props = {
  enrolled: boolean;
  offer: EnrolmentOffer | null;
  /** On /login/enroll, "Done" continues the sign-in. */
  enrolling: boolean;
  /** On /login/enroll, the page first asked for (docs/rules.md, rule 30). */
  next?: string | null;
  /** The second-factor fields' words (components/two-factor/field-words.ts). */
  fieldWords: FieldWords;
  words: TwoFactorPanelWords;
};

/** Chooses the panel's view: new recovery codes first, then enrolled, not started, or started. */
export function TwoFactorPanelClient({
  enrolled,
  offer,
  enrolling,
  next = null,
  fieldWords,
  words,
}: Props) {
  const router = useRouter();
  // The two actions that return recovery codes keep their state here, above the views, so the
  // codes stay on screen until "Done" even if the page re-renders as enrolled underneath them.
  const [enableState, enable] = useActionState(enableTwoFactorAction, idleState as PanelState);
  const [regenerateState, regenerate] = useActionState(
    regenerateRecoveryCodesAction,
    idleState as PanelState,
  );
  // Kept here too: after disabling, the view below is no longer EnabledView, yet says so and offers
  // to sign the other browsers out (docs/rules.md, rule 22).
  const [disableState, disable] = useActionState(disableTwoFactorAction, idleState as PanelState);
  // An action's state keeps its last codes after "Done"; these are the ones not to show again.
  const [dismissed, setDismissed] = useState<string[][]>([]);
  const codes = [enableState.recoveryCodes, regenerateState.recoveryCodes].find(
    (candidate) => candidate && !dismissed.includes(candidate),
  );

  if (codes) {
    return (
      <div className="space-y-4">
        <Suspense fallback={null}>
          <RecoveryCodes
            codes={codes}
            words={words.recoveryCodes}
            onDone={() => {
              setDismissed((list) => [...list, codes]);
              if (enrolling) finishEnrolment(next);
              else router.refresh();
            }}
          />
        </Suspense>
        {codes === enableState.recoveryCodes ? (
          <SignOutOthersOffer otherBrowsers={enableState.otherBrowsers} words={words.offer} />
        ) : null}
      </div>
    );
  }
  if (enrolled) {
    return (
      <EnabledView
        fieldWords={fieldWords}
        words={words.enabled}
        regenerate={regenerate}
        regenerateState={regenerateState}
        disable={disable}
        disableState={disableState}
      />
    );
  }
  const disabled =
    disableState.status === "success" ? (
      <div className="mb-4 space-y-2">
        <FormMessage state={disableState} />
        <SignOutOthersOffer otherBrowsers={disableState.otherBrowsers} words={words.offer} />
      </div>
    ) : null;
  return (
    <>
      {disabled}
      {offer ? (
        <Suspense fallback={null}>
          <EnableForm
            offer={offer}
            enable={enable}
            state={enableState}
            fieldWords={fieldWords}
            words={words.enable}
          />
        </Suspense>
      ) : (
        <StartSetup words={words.start} />
      )}
    </>
  );
}
