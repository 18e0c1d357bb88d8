"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { recordAuditEvent } from "@/lib/audit/audit";
import { completeEnrolmentSignIn } from "@/lib/auth/second-step";
import { revokeTrustedBrowser } from "@/lib/auth/trusted-browsers";
import { getSession, homeFor } from "@/lib/auth/session";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { requestContext } from "@/lib/http/request-context";
import { getSettings } from "@/lib/settings/settings";
import {
  disableTwoFactor,
  enableTwoFactor,
  regenerateRecoveryCodes,
  startEnrolment,
} from "@/lib/totp/enrolment";

export type PanelState = FormState & { recoveryCodes?: string[] };

const TURNED_OFF = "Two-factor authentication is turned off for this instance.";

/** The account pages' complete sign-ins, and the enrolment that policy requires after step 1. */
async function requirePanelSession({ enrolmentAllowed }: { enrolmentAllowed: boolean }) {
  const session = await getSession();
  if (!session) redirect("/login");
  const allowed = session.stage === "COMPLETE" || (enrolmentAllowed && session.stage === "ENROLL");
  if (!allowed) redirect(homeFor(session));
  return session;
}

function field(formData: unknown, name: string): unknown {
  return formData instanceof FormData ? (formData.get(name) ?? undefined) : undefined;
}

/** The form's alert, and the same message tied to each field it is about. */
function refusal({ message, fields }: { message: string; fields: string[] }): PanelState {
  const tied = fields.length
    ? Object.fromEntries(fields.map((name) => [name, message]))
    : undefined;
  return errorState(message, tied);
}

export async function startTwoFactorSetup() {
  const session = await requirePanelSession({ enrolmentAllowed: true });
  if ((await getSettings()).twoFactorEnabled && !session.user.totpEnabledAt) {
    await startEnrolment(session.user.id, new Date());
  }
  revalidatePath("/", "layout");
}

export async function enableTwoFactorAction(
  _state: PanelState,
  formData: FormData,
): Promise<PanelState> {
  const session = await requirePanelSession({ enrolmentAllowed: true });
  if (!(await getSettings()).twoFactorEnabled) return errorState(TURNED_OFF);
  const now = new Date();
  const result = await enableTwoFactor(
    session.user,
    { password: field(formData, "password"), code: field(formData, "code") },
    now,
    await requestContext(),
  );
  if (!result.ok) return refusal(result);
  if (session.stage === "ENROLL") await completeEnrolmentSignIn(session.signInId, now);
  return { status: "success", recoveryCodes: result.recoveryCodes };
}

export async function regenerateRecoveryCodesAction(
  _state: PanelState,
  formData: FormData,
): Promise<PanelState> {
  const session = await requirePanelSession({ enrolmentAllowed: false });
  const result = await regenerateRecoveryCodes(
    session.user,
    { code: field(formData, "code") },
    new Date(),
    await requestContext(),
  );
  if (!result.ok) return refusal(result);
  return { status: "success", recoveryCodes: result.recoveryCodes };
}

export async function disableTwoFactorAction(
  _state: PanelState,
  formData: FormData,
): Promise<PanelState> {
  const session = await requirePanelSession({ enrolmentAllowed: false });
  const result = await disableTwoFactor(
    session.user,
    { password: field(formData, "password"), code: field(formData, "code") },
    new Date(),
    await requestContext(),
  );
  if (!result.ok) return refusal(result);
  revalidatePath("/", "layout");
  return { status: "success", message: "Two-factor authentication is off." };
}

/** Where "Done" leads after the recovery codes of a policy-required enrolment. */
export async function finishEnrolment() {
  const session = await getSession();
  redirect(session ? homeFor(session) : "/login");
}

export async function revokeTrustedBrowserAction(formData: FormData) {
  const session = await requirePanelSession({ enrolmentAllowed: false });
  const id = field(formData, "id");
  if (typeof id !== "string" || id.length > 64) return;
  if (await revokeTrustedBrowser(session.user.id, id)) {
    await recordAuditEvent({
      type: "trusted_browser_revoked",
      actor: session.user,
      subject: session.user,
      context: await requestContext(),
    });
  }
  revalidatePath("/", "layout");
}
