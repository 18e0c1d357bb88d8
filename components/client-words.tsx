import { getTranslations } from "next-intl/server";
import { failureSayer } from "@/words/failure-words";

/**
 * The few words that code in the browser says on its own, when no server answer brings words: a
 * request that failed on the way, a passkey prompt that was closed. Rendered once by the root
 * layout in the page's language (docs/architecture.md, "Languages"), read by `clientWord`.
 */
export async function ClientWords() {
  const [t, failures] = await Promise.all([getTranslations("common.client"), failureSayer()]);
  return (
    <div
      hidden
      id="appmail-client-words"
      data-unexpected={failures.say({ code: "unexpected" })}
      data-prompt-failed={t("promptFailed")}
    />
  );
}
