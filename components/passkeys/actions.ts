"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import { countOtherBrowsers } from "@/lib/auth/signed-in-browsers";
import { isRecovering } from "@/lib/auth/stage";
import { errorState, failedState, type FormState } from "@/lib/forms/form-state";
import type { Failure } from "@/lib/failures/failure";
import { removePasskey } from "@/lib/two-factor/passkeys";
import { startPasskeyRegistration } from "@/lib/two-factor/passkey-registration";
import { renamePasskey } from "@/lib/passkeys/rename";
import {
  removePasskeySchema,
  renamePasskeySchema,
  startPasskeyRegistrationSchema,
} from "@/lib/passkeys/schemas";
import { passkeysAllowed } from "@/lib/sign-in/passkey-sign-in";

export type RegistrationState = FormState & { options?: PublicKeyCredentialCreationOptionsJSON };

function refusal({ failure, fields }: { failure: Failure; fields: string[] }) {
  return failedState(failure, fields);
}

/**
 * The re-check before "Add a passkey" opens the browser's prompt: the current password (and a
 * code when the account has an authenticator app, or a confirmation by one of its passkeys when
 * they are its only second factor, docs/rules.md, rule 27), then the prompt's options. A sign-in
 * still waiting for its second step never gets here (caller `enrolling`).
 */
export const startPasskeyRegistrationAction = guardedAction(
  { caller: "enrolling", input: startPasskeyRegistrationSchema },
  async (form, { session, request, now }): Promise<RegistrationState> => {
    if (!(await passkeysAllowed())) {
      return errorState((await getTranslations("account.passkeys"))("turnedOff"));
    }
    const recovering = isRecovering(session);
    const result = await startPasskeyRegistration(session.user, form, request, now, recovering);
    if (!result.ok) return refusal(result);
    return { status: "success", options: result.options };
  },
);

/** `passkeyId`: the passkey a refusal is about; `otherBrowsers`: what the offer would end. */
export type RemovePasskeyState = FormState & { passkeyId?: string; otherBrowsers?: number };

/** "Remove <name>": the current password, and the confirmation that adding asks for (rule 27). */
export const removePasskeyAction = guardedAction(
  { caller: "signed-in", input: removePasskeySchema },
  async (form, { session, request, now }): Promise<RemovePasskeyState> => {
    const result = await removePasskey(session.user, form, request, now);
    if (!result.ok) return { ...refusal(result), passkeyId: form.id };
    revalidatePath("/", "layout");
    const otherBrowsers = await countOtherBrowsers(session, now);
    const message = (await getTranslations("account.passkeys"))("removed", { name: result.name });
    return { status: "success", message, otherBrowsers };
  },
);

/** "Rename <name>": a label only, so no password (docs/rules.md, rule 18). */
export const renamePasskeyAction = guardedAction(
  { caller: "signed-in", input: renamePasskeySchema },
  async (form, { session, request }): Promise<FormState> => {
    const result = await renamePasskey(session.user, form, request);
    if (!result.ok) return failedState(result.failure);
    revalidatePath("/", "layout");
    const message = (await getTranslations("account.passkeys"))("renamed", { name: result.name });
    return { status: "success", message };
  },
);
