"use server";

import { redirect } from "next/navigation";
import { verifySecondStep } from "@/lib/auth/second-step";
import { homeFor, requireStage } from "@/lib/auth/session";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { requestContext } from "@/lib/http/request-context";

export async function verifyLoginCode(_state: FormState, formData: FormData): Promise<FormState> {
  const session = await requireStage("PENDING");
  if (!(formData instanceof FormData)) return errorState("Enter the code from your app.");
  const usesRecoveryCode = formData.get("method") === "recovery";
  const value = formData.get(usesRecoveryCode ? "recoveryCode" : "code");
  const result = await verifySecondStep(
    session.signInId,
    session.user,
    usesRecoveryCode ? { recoveryCode: value ?? "" } : { code: value ?? "" },
    new Date(),
    await requestContext(),
  );
  if (!result.ok) {
    return errorState(result.message, {
      [usesRecoveryCode ? "recoveryCode" : "code"]: result.message,
    });
  }
  const home = homeFor({ ...session, stage: "COMPLETE" });
  redirect(
    result.recoveryCodesLeft === null
      ? home
      : `${home}?recoveryCodesLeft=${result.recoveryCodesLeft}`,
  );
}
