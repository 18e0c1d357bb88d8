import "server-only";
import { getTranslations } from "next-intl/server";
import { PASSWORD_MIN } from "@/lib/forms/field-limits";
import type { AccountFieldWords } from "./account-fields";

/** The labels of a new account's Name, Email and Password, in the request's language. */
export async function accountFieldWords(): Promise<AccountFieldWords> {
  const t = await getTranslations("account.newAccount");
  return {
    name: t("name"),
    email: t("email"),
    password: t("password"),
    passwordHint: t("passwordHint", { min: PASSWORD_MIN }),
  };
}
