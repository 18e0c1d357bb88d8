"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import { recordAuditEvent } from "@/lib/audit/audit";
import { homeFor } from "@/lib/auth/session";
import { countOtherBrowsers } from "@/lib/auth/signed-in-browsers";
import { isRecovering } from "@/lib/auth/stage";
import { completeEnrolmentIfDone } from "@/lib/two-factor/enrolment-need";
import { revokeTrustedBrowser } from "@/lib/two-factor/trusted-browsers";
import { errorState, failedState, type FormState } from "@/lib/forms/form-state";
import type { Failure } from "@/lib/failures/failure";
import { getSettings } from "@/lib/settings/settings";
import { disableTwoFactor } from "@/lib/two-factor/disable";
import { enableTwoFactor, startEnrolment } from "@/lib/two-factor/enrolment";
import { regenerateRecoveryCodes } from "@/lib/two-factor/recovery-code-store";
import {
  disableTwoFactorSchema,
  enableTwoFactorSchema,
  finishEnrolmentSchema,
  noFields,
  regenerateRecoveryCodesSchema,
  trustedBrowserSchema,
} from "@/lib/two-factor/schemas";

/** `otherBrowsers`: after a change, how many other browsers "Sign out all other browsers" ends. */
export type PanelState = FormState & { recoveryCodes?: string[]; otherBrowsers?: number };

/** The form's alert, and the same words tied to each field it is about. */
function refusal({ failure, fields }: { failure: Failure; fields: string[] }): PanelState {
  return failedState(failure, fields);
}

export const startTwoFactorSetupAction = guardedAction(
  { caller: "enrolling", input: noFields },
  async (_input, { session, now }): Promise<FormState> => {
    const replacing = isRecovering(session);
    if ((await getSettings()).twoFactorEnabled && (!session.user.totpEnabledAt || replacing)) {
      await startEnrolment(session.user.id, now);
    }
    revalidatePath("/", "layout");
    return { status: "success" };
  },
);

export const enableTwoFactorAction = guardedAction(
  { caller: "enrolling", input: enableTwoFactorSchema },
  async (form, { session, request, now }): Promise<PanelState> => {
    if (!(await getSettings()).twoFactorEnabled) {
      return errorState((await getTranslations("account.twoFactor"))("turnedOff"));
    }
    const input = { password: form.password, code: form.code };
    const replacing = isRecovering(session);
    const result = await enableTwoFactor(session.user, input, now, request, replacing);
    if (!result.ok) return refusal(result);
    // Enrolment that policy required completes the sign-in that was waiting for it, unless it
    // must still add a passkey (docs/rules.md, rule 34).
    await completeEnrolmentIfDone(session, now);
    const otherBrowsers = await countOtherBrowsers(session, now);
    return { status: "success", recoveryCodes: result.recoveryCodes, otherBrowsers };
  },
);

export const regenerateRecoveryCodesAction = guardedAction(
  { caller: "signed-in", input: regenerateRecoveryCodesSchema },
  async (form, { session, request, now }): Promise<PanelState> => {
    const input = { code: form.code };
    const result = await regenerateRecoveryCodes(session.user, input, now, request);
    if (!result.ok) return refusal(result);
    return { status: "success", recoveryCodes: result.recoveryCodes };
  },
);

export const disableTwoFactorAction = guardedAction(
  { caller: "signed-in", input: disableTwoFactorSchema },
  async (form, { session, request, now }): Promise<PanelState> => {
    const input = { password: form.password, code: form.code };
    const result = await disableTwoFactor(session.user, input, now, request);
    if (!result.ok) return refusal(result);
    revalidatePath("/", "layout");
    const otherBrowsers = await countOtherBrowsers(session, now);
    const message = (await getTranslations("account.twoFactor.enabled"))("disabled");
    return { status: "success", message, otherBrowsers };
  },
);

/** Where "Done" leads after the recovery codes of a policy-required enrolment. */
export const finishEnrolmentAction = guardedAction(
  { caller: "anyone", input: finishEnrolmentSchema },
  async ({ next }, { session }): Promise<FormState> =>
    redirect(session ? homeFor(session, next) : "/login"),
);

export const revokeTrustedBrowserAction = guardedAction(
  { caller: "signed-in", input: trustedBrowserSchema },
  async ({ id }, { session, request }): Promise<FormState> => {
    if (await revokeTrustedBrowser(session.user.id, id)) {
      await recordAuditEvent({
        type: "trusted_browser_revoked",
        actor: session.user,
        subject: session.user,
        context: request,
      });
    }
    revalidatePath("/", "layout");
    return { status: "success" };
  },
);
