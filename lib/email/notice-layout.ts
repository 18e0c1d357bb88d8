import { escapeHtml } from "./html";

// The one layout of a security notice (docs/rules.md, rule 20): a greeting, what happened, the
// facts (when, from where, which account), what to do, and the instance's name; as plain text and
// as HTML with the same words.

export type NoticeLayout = {
  greeting: string;
  happened: string;
  /** "When: …" lines, each already put together in the message's language (`fact`). */
  facts: string[];
  /** What to do: the text part's lines, and the HTML part's paragraphs (already escaped). */
  advice: { text: string[]; html: string[] };
  instanceName: string;
};

export function noticeBodies(notice: NoticeLayout): { text: string; html: string } {
  const { greeting, happened, facts, advice, instanceName } = notice;
  const text = [
    greeting,
    "",
    happened,
    "",
    ...facts,
    "",
    ...advice.text,
    "",
    `— ${instanceName}`,
    "",
  ].join("\n");
  const html = [
    "<!doctype html>",
    `<html><body style="font-family: sans-serif; line-height: 1.5">`,
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(happened)}</p>`,
    "<ul>",
    ...facts.map((fact) => `<li>${escapeHtml(fact)}</li>`),
    "</ul>",
    ...advice.html,
    `<p>— ${escapeHtml(instanceName)}</p>`,
    "</body></html>",
  ].join("\n");
  return { text, html };
}
