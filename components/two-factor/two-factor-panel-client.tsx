"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { idleState } from "@/lib/forms/form-state";
import type { EnrolmentOffer } from "@/lib/totp/enrolment";
import {
  enableTwoFactorAction,
  finishEnrolmentAction,
  regenerateRecoveryCodesAction,
  type PanelState,
} from "./actions";
import { EnableForm } from "./enable-form";
import { EnabledView } from "./enabled-view";
import { RecoveryCodes } from "./recovery-codes";
import { StartSetup } from "./start-setup";

type Props = {
  enrolled: boolean;
  offer: EnrolmentOffer | null;
  recoveryCodesLeft: number | null;
  /** On /login/enroll, "Done" continues the sign-in. */
  enrolling: boolean;
};

/** Chooses the panel's view: new recovery codes first, then enrolled, not started, or started. */
export function TwoFactorPanelClient({ enrolled, offer, recoveryCodesLeft, enrolling }: Props) {
  const router = useRouter();
  // The two actions that return recovery codes keep their state here, above the views, so the
  // codes stay on screen until "Done" even if the page re-renders as enrolled underneath them.
  const [enableState, enable] = useActionState(enableTwoFactorAction, idleState as PanelState);
  const [regenerateState, regenerate] = useActionState(
    regenerateRecoveryCodesAction,
    idleState as PanelState,
  );
  // An action's state keeps its last codes after "Done"; these are the ones not to show again.
  const [dismissed, setDismissed] = useState<string[][]>([]);
  const codes = [enableState.recoveryCodes, regenerateState.recoveryCodes].find(
    (candidate) => candidate && !dismissed.includes(candidate),
  );

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setDismissed((list) => [...list, codes]);
          if (enrolling) void finishEnrolmentAction(new FormData());
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
  if (!offer) return <StartSetup />;
  return <EnableForm offer={offer} enable={enable} state={enableState} />;
}
