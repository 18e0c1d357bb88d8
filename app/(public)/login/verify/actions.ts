"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { trustBrowser, trustedBrowserCookieName } from "@/lib/auth/trusted-browsers";
import { secureCookiesEnabled } from "@/lib/http/cookies";
import { getSettings } from "@/lib/settings/settings";
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
  const trustDays = (await getSettings()).trustBrowserDays;
  if (trustDays > 0 && formData.get("trustBrowser") === "on") {
    const now = new Date();
    const context = await requestContext();
    const { token, expiresAt } = await trustBrowser(
      session.user.id,
      context.userAgent,
      trustDays,
      now,
    );
    (await cookies()).set(trustedBrowserCookieName(session.user.id), token, {
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookiesEnabled(),
      path: "/",
      expires: expiresAt,
    });
  }
  const home = homeFor({ ...session, stage: "COMPLETE" });
  redirect(
    result.recoveryCodesLeft === null
      ? home
      : `${home}?recoveryCodesLeft=${result.recoveryCodesLeft}`,
  );
}
