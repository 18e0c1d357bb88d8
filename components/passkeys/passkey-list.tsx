"use client";

import { useActionState } from "react";
import { SignOutOthersOffer } from "@/components/signed-in-browsers/sign-out-others-offer";
import { idleState } from "@/lib/forms/form-state";
import { removePasskeyAction, type RemovePasskeyState } from "./actions";
import { PasskeyItem, type PasskeyView } from "./passkey-item";

/**
 * The account's passkeys. Removing one re-renders the list without it, so the removal's answer
 * and the "Sign out all other browsers" offer (docs/rules.md, rule 22) live here, not in the item.
 */
export function PasskeyList({ passkeys }: { passkeys: PasskeyView[] }) {
  const [removal, remove] = useActionState<RemovePasskeyState, FormData>(
    removePasskeyAction,
    idleState,
  );
  return (
    <div className="space-y-3">
      {passkeys.length > 0 ? (
        <ul className="space-y-2" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} remove={remove} removal={removal} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">No passkeys yet.</p>
      )}
      {removal.status === "success" ? (
        <>
          <p role="status" className="text-sm text-green-800">
            {removal.message}
          </p>
          <SignOutOthersOffer otherBrowsers={removal.otherBrowsers} />
        </>
      ) : null}
    </div>
  );
}
