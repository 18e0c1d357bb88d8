"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import { verifySecondStep } from "@/lib/auth/second-step";
import { homeFor } from "@/lib/auth/session";
import { trustedBrowserCookieName } from "@/lib/auth/cookie-names";
import { trustBrowser } from "@/lib/auth/trusted-browsers";
import { errorState, type FormState } from "@/lib/forms/form-state";
import { secureCookiesEnabled } from "@/lib/http/cookies";
import { getSettings } from "@/lib/settings/settings";
import { loginCodeSchema } from "@/lib/totp/schemas";

export const verifyLoginCodeAction = guardedAction(
  { caller: "pending-code", input: loginCodeSchema },
  async (form, { session, request, now }): Promise<FormState> => {
    const usesRecoveryCode = form.method === "recovery";
    const result = await verifySecondStep(
      session.signInId,
      session.user,
      usesRecoveryCode ? { recoveryCode: form.recoveryCode ?? "" } : { code: form.code ?? "" },
      now,
      request,
    );
    if (!result.ok) {
      return errorState(result.message, {
        [usesRecoveryCode ? "recoveryCode" : "code"]: result.message,
      });
    }
    // The settings are read only when the box is ticked: most step 2s skip that query.
    const trustDays = form.trustBrowser === "on" ? (await getSettings()).trustBrowserDays : 0;
    if (trustDays > 0) {
      const trusted = await trustBrowser(session.user.id, request.userAgent, trustDays, now);
      (await cookies()).set(trustedBrowserCookieName(session.user.id), trusted.token, {
        httpOnly: true,
        sameSite: "lax",
        secure: secureCookiesEnabled(),
        path: "/",
        expires: trusted.expiresAt,
      });
    }
    const home = homeFor({ ...session, stage: "COMPLETE" });
    const left = result.recoveryCodesLeft;
    redirect(left === null ? home : `${home}?recoveryCodesLeft=${left}`);
  },
);
