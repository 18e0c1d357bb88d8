import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { catalogues, messagesFor } from "./catalogue";
import { LOCALES } from "./locales";
import { pseudoMessage } from "./pseudo";

// Every catalogue has English's keys, each message parses, and takes the same ICU arguments in
// every language (docs/architecture.md, "Languages"): a translation that drops `{count}` or names
// it differently would show a hole or fail at run time, not at build time.

/** Every message of a catalogue by its dotted key. */
function flatten(messages: unknown, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(messages as object)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(name, value);
    else for (const [inner, text] of flatten(value, name)) found.set(inner, text);
  }
  return found;
}

/** The arguments a message takes, with their kind ("count:plural", "name:argument"). */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    found.add(`${element.value}:${TYPE[element.type]}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, found);
  }
  return found;
}

const english = flatten(catalogues.en);

describe("the catalogues", () => {
  it("hold English's keys in every language, and no other", () => {
    for (const locale of LOCALES) {
      expect([...flatten(catalogues[locale]).keys()].sort(), locale).toEqual(
        [...english.keys()].sort(),
      );
    }
  });

  it("take the same ICU arguments in every language, and every message parses", () => {
    for (const locale of LOCALES) {
      for (const [key, text] of flatten(catalogues[locale])) {
        const reference = english.get(key);
        if (reference === undefined) continue;
        expect([...argumentsOf(parse(text))].sort(), `${locale}: ${key}`).toEqual(
          [...argumentsOf(parse(reference))].sort(),
        );
      }
    }
  });

  it("the pseudo-locale keeps every key and argument, accented, longer and marked", () => {
    const pseudo = flatten(messagesFor("en-XA"));
    expect([...pseudo.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of pseudo) {
      expect(argumentsOf(parse(text)), key).toEqual(argumentsOf(parse(english.get(key)!)));
    }
    const sample = pseudoMessage("Only {count, plural, one {# code} other {# codes}} left");
    expect(sample).toMatch(/^⟦Öñlý \{count,plural,one\{# çödé\} other\{# çödéš\}\} léft ẋ/);
    expect(sample.length).toBeGreaterThan(1.4 * "Only # codes left".length);
  });
});
