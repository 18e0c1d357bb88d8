"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { guardedAction } from "@/lib/actions/guarded-action";
import type { Failure } from "@/lib/failures/failure";
import type { FormState } from "@/lib/forms/form-state";
import { formatDateTime } from "@/lib/format/date-time";
import { resetTwoFactor } from "@/lib/users/admin-reset";
import { accountIdSchema } from "@/lib/users/schemas";
import { issueRecoveryCode } from "@/lib/users/issue-recovery-code";
import { signOutEverywhere } from "@/lib/users/sign-out-everywhere";

export const resetTwoFactorAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request }): Promise<FormState | Failure> => {
    const result = await resetTwoFactor({ id: userId }, session.user, request);
    if (!result.ok) return result.failure;
    revalidatePath("/backend/users");
    const t = await getTranslations("admin.users.actions");
    return { status: "success", message: t("resetDone", { email: result.email }) };
  },
);

export const signOutEverywhereAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request, now }): Promise<FormState | Failure> => {
    const result = await signOutEverywhere(userId, session.user, request, now);
    if (!result.ok) return result.failure;
    revalidatePath("/backend/users");
    const t = await getTranslations("admin.users.actions");
    return {
      status: "success",
      message: t("signedOut", { email: result.email, count: result.count }),
    };
  },
);

/**
 * "Issue a recovery code" (docs/rules.md, rule 33): the code is in this answer only, shown once
 * to the admin who asked; the database keeps its keyed hash.
 */
export const issueRecoveryCodeAction = guardedAction(
  { caller: "admin", input: accountIdSchema },
  async ({ userId }, { session, request, now }): Promise<FormState | Failure> => {
    const result = await issueRecoveryCode(userId, session.user, request, now);
    if (!result.ok) return result.failure;
    const [t, locale] = await Promise.all([getTranslations("admin.users.actions"), getLocale()]);
    // English keeps the words it always showed ("2026-12-09 14:00 UTC"); the others their own.
    const until =
      locale === "en"
        ? `${result.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
        : formatDateTime(result.expiresAt, locale);
    return {
      status: "success",
      message: t("issued", { email: result.email, code: result.code, until }),
    };
  },
);
