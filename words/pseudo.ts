import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { printAST } from "@formatjs/icu-messageformat-parser/printer.js";

// The pseudo-locale (words/locales.ts, PSEUDO_LOCALE): every English message with accented
// letters, 40 % longer, between ⟦ and ⟧, its ICU arguments untouched. A word on screen without the
// accents was not translated; a layout that breaks with it breaks in German too.

const ACCENTED: Record<string, string> = Object.fromEntries(
  [..."aeiouycnsgzAEIOUYCNSGZ"].map((letter, i) => [letter, [..."åéîöüýçñšĝžÅÉÎÖÜÝÇÑŠĜŽ"][i]!]),
);

const accent = (text: string) => [...text].map((c) => ACCENTED[c] ?? c).join("");

/** About 40 % more letters, as short words, so that lines still wrap. */
function lengthen(text: string): string {
  const extra = Math.ceil(text.replace(/\s/g, "").length * 0.4);
  const words = Array.from({ length: Math.ceil(extra / 4) }, (_, i) =>
    "ẋẋẋẋ".slice(0, Math.min(4, extra - i * 4)),
  );
  return words.length ? `${text} ${words.join(" ")}` : text;
}

function pseudoElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: accent(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [
          key,
          { ...option, value: pseudoElements(option.value) },
        ]),
      );
      return { ...element, options };
    }
    if (element.type === TYPE.tag)
      return { ...element, children: pseudoElements(element.children) };
    return element;
  });
}

/** One message in the pseudo-locale. */
export function pseudoMessage(message: string): string {
  const printed = printAST(pseudoElements(parse(message, { ignoreTag: false })));
  return `⟦${lengthen(printed)}⟧`;
}

/** A catalogue in the pseudo-locale, same keys. */
export function pseudoMessages(messages: unknown): unknown {
  if (typeof messages === "string") return pseudoMessage(messages);
  if (messages && typeof messages === "object") {
    return Object.fromEntries(
      Object.entries(messages).map(([key, value]) => [key, pseudoMessages(value)]),
    );
  }
  return messages;
}
