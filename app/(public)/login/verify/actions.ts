"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/actions/guarded-action";
import { verifySecondStep } from "@/lib/sign-in/second-step";
import { homeFor } from "@/lib/auth/session";
import { trustedBrowserCookieName } from "@/lib/auth/cookie-names";
import { trustBrowser } from "@/lib/two-factor/trusted-browsers";
import { failedState, type FormState } from "@/lib/forms/form-state";
import { secureCookiesEnabled } from "@/lib/http/cookies";
import { getSettings } from "@/lib/settings/settings";
import { loginCodeSchema } from "@/lib/two-factor/schemas";

/** `lockedUntil` (ISO): the second step is locked until then, and the form is disabled. */
export type VerifyState = FormState & { lockedUntil?: string };

export const verifyLoginCodeAction = guardedAction(
  { caller: "pending-code", input: loginCodeSchema },
  async (form, { session, request, now }): Promise<VerifyState> => {
    const usesRecoveryCode = form.method === "recovery";
    const result = await verifySecondStep(
      session.signInId,
      session.user,
      usesRecoveryCode ? { recoveryCode: form.recoveryCode ?? "" } : { code: form.code ?? "" },
      now,
      request,
    );
    if (!result.ok) {
      const state = failedState(result.failure, [usesRecoveryCode ? "recoveryCode" : "code"]);
      const lockedUntil = result.locked ? result.lockedUntil?.toISOString() : undefined;
      return lockedUntil ? { ...state, lockedUntil } : state;
    }
    // The settings are read only when the box is ticked: most step 2s skip that query. A sign-in
    // that must still enrol trusts nothing yet (docs/rules.md, rules 33 and 34).
    const trusts = form.trustBrowser === "on" && result.stage === "COMPLETE";
    const trustDays = trusts ? (await getSettings()).trustBrowserDays : 0;
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
    // Back to the page first asked for (docs/rules.md, rule 30), except after a recovery code: only
    // the dashboard says how many are left (rule 6).
    const left = result.recoveryCodesLeft;
    const stage = result.stage;
    if (left === null || stage !== "COMPLETE") redirect(homeFor({ ...session, stage }, form.next));
    const home = homeFor({ ...session, stage });
    redirect(`${home}?recoveryCodesLeft=${left}`);
  },
);
