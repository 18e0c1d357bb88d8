import { formatDateTime } from "@/lib/format/date-time";
import { fillIn } from "@/lib/format/fill-in";

/** Whose codes these are: the instance (its name in authenticator apps) and the account. */
export type RecoveryCodesOwner = { instance: string; email: string };

/**
 * The words of the codes' file and printed sheet, in the page's language, made on the server
 * (components/two-factor/recovery-codes-words.ts): `{address}` and `{date}` are left in as text
 * and filled in as the codes are saved, with `locale`'s way of writing the date.
 */
export type RecoveryCodesSheet = {
  instance: string;
  locale: string;
  /** Title, instance (`{address}`), account, generated (`{date}`), and that each works once. */
  head: string[];
  /** "Recovery codes for <email>, made {date}": the printed sheet's line. */
  printed: string;
};

/** The moment the codes were made, as the sheet writes it. */
export const sheetDate = (sheet: RecoveryCodesSheet, generatedAt: Date) =>
  formatDateTime(generatedAt, sheet.locale);

/**
 * The text of "Download" and "Copy": which instance and account the codes are for and when they
 * were made, so that a file found later says where it works, then the codes one a line.
 */
export function recoveryCodesText(
  codes: readonly string[],
  sheet: RecoveryCodesSheet,
  generatedAt: Date,
  address: string | null,
): string {
  const values = { address: address ? ` (${address})` : "", date: sheetDate(sheet, generatedAt) };
  const head = sheet.head.map((line) => fillIn(line, values));
  return `${head.join("\n")}\n\n${codes.join("\n")}\n`;
}

/** "acme-corp-recovery-codes.txt"; "appmail-recovery-codes.txt" for a name with no letters. */
export function recoveryCodesFileName(instance: string): string {
  const slug = instance
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `${slug || "appmail"}-recovery-codes.txt`;
}
