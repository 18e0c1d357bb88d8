// The words a client component shows, picked from a server translator by key, so that it is given
// them as a prop and never loads next-intl (docs/architecture.md, "Languages").

/** `{ key: t(key) }` for each key: `t` is `await getTranslations("ns.section")`. */
export function wordsFor<K extends string>(
  t: (key: K) => string,
  keys: readonly K[],
): Record<K, string> {
  return Object.fromEntries(keys.map((key) => [key, t(key)])) as Record<K, string>;
}
