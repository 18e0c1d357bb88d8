import "server-only";
import { getTranslations } from "next-intl/server";
import type { CodeFieldWords } from "./code-field";
import type { CodeMethodSwitchWords } from "./code-method-switch";
import type { CurrentPasswordFieldWords } from "./current-password-field";
import type { RecoveryCodeFieldWords } from "./recovery-code-field";

// The words of the second-factor fields every form shares (the `common` catalogue, "fields"), in
// this request's language. The server component above a form reads them once and passes each
// field its part (docs/architecture.md, "Languages": client components get words as props).

export type FieldWords = {
  code: CodeFieldWords;
  recoveryCode: RecoveryCodeFieldWords;
  currentPassword: CurrentPasswordFieldWords;
  methodSwitch: CodeMethodSwitchWords;
};

export async function fieldWords(): Promise<FieldWords> {
  const t = await getTranslations("common.fields");
  return {
    code: { label: t("authenticationCode") },
    recoveryCode: { label: t("recoveryCode") },
    currentPassword: { label: t("currentPassword") },
    methodSwitch: {
      useRecoveryCode: t("useRecoveryCode"),
      useAuthenticationCode: t("useAuthenticationCode"),
    },
  };
}
