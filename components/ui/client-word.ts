// Reads the words the root layout rendered for code in the browser (components/client-words.tsx).
// The English fallbacks only serve a page rendered without them.

const FALLBACK = {
  unexpected: "Something went wrong. Try again.",
  promptFailed: "The passkey prompt was closed or failed. Try again.",
} as const;

export function clientWord(name: keyof typeof FALLBACK): string {
  const words =
    typeof document === "undefined" ? null : document.getElementById("appmail-client-words");
  return words?.dataset[name] ?? FALLBACK[name];
}
