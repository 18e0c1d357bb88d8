import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { RecoveryCodesOwner } from "@/lib/two-factor/recovery-codes-file";
import type { RecoveryCodesWords } from "./recovery-codes";

/**
 * The words of the recovery codes, their file and their printed sheet, in the request's language.
 * The address and the moment they were made are the browser's: left in as `{address}` and
 * `{date}` and filled in there (lib/two-factor/recovery-codes-file.ts).
 */
export async function recoveryCodesWords(owner: RecoveryCodesOwner): Promise<RecoveryCodesWords> {
  const [t, locale] = await Promise.all([
    getTranslations("account.twoFactor.recoveryCodes"),
    getLocale(),
  ]);
  return {
    heading: t("heading"),
    intro: t("intro"),
    list: t("list"),
    download: t("download"),
    copy: t("copy"),
    print: t("print"),
    saved: t("saved"),
    done: t("done"),
    copied: t("copied"),
    sheet: {
      instance: owner.instance,
      locale,
      head: [
        t("fileTitle", { instance: owner.instance }),
        t("fileInstance", { instance: `${owner.instance}{address}` }),
        t("fileAccount", { email: owner.email }),
        t("fileGenerated", { date: "{date}" }),
        t("fileNote"),
      ],
      printed: t("printed", { email: owner.email, date: "{date}" }),
    },
  };
}
