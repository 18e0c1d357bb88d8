import { formatDateTime } from "@/lib/format/date-time";

/** Whose codes these are: the instance (its name in authenticator apps) and the account. */
export type RecoveryCodesOwner = { instance: string; email: string };

/**
 * The text of "Download" and "Copy": which instance and account the codes are for and when they
 * were made, so that a file found later says where it works, then the codes one a line.
 */
export function recoveryCodesText(
  codes: readonly string[],
  owner: RecoveryCodesOwner,
  generatedAt: Date,
  address: string | null,
): string {
  const header = [
    `${owner.instance} recovery codes`,
    `Instance: ${owner.instance}${address ? ` (${address})` : ""}`,
    `Account: ${owner.email}`,
    `Generated: ${formatDateTime(generatedAt)}`,
    "Each code works once. Generating new codes replaces all of these.",
  ];
  return `${header.join("\n")}\n\n${codes.join("\n")}\n`;
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
