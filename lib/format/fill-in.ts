/**
 * A message a server component translated with `{name}` left in it as text, filled in where the
 * value is known: in a client component, which never loads the catalogues (docs/architecture.md,
 * "Languages"), for a value only the browser has (a passkey's name, the moment codes were made).
 */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
