import "server-only";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format/date-time";
import type { PasskeyAddressWords } from "./passkey-address";
import type { PasskeyView } from "./passkey-item";

type PasskeyWords = Awaited<ReturnType<typeof getTranslations<"account.passkeys">>>;

/** "Passkeys work at <origin>, …" and "Open <origin>", in the request's language. */
export async function passkeyAddressWords(origin: string): Promise<PasskeyAddressWords> {
  const t = await getTranslations("account.passkeys");
  return { worksAt: t("worksAt", { origin }), open: t("openAddress", { origin }) };
}

/** Each passkey as the list shows it: its dates and its buttons in the request's language. */
export function passkeyViews(
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[],
  t: PasskeyWords,
  locale: string,
  cancel: string,
): PasskeyView[] {
  return passkeys.map(({ id, name, createdAt, lastUsedAt }) => ({
    id,
    name,
    used: [
      t("added", { date: formatDateTime(createdAt, locale) }),
      lastUsedAt ? t("lastUsed", { date: formatDateTime(lastUsedAt, locale) }) : t("neverUsed"),
    ].join(" "),
    remove: t("remove", { name }),
    rename: {
      button: t("rename", { name }),
      explanation: t("renameExplanation"),
      name: t("name"),
      save: t("save"),
      cancel,
    },
  }));
}
