import addressparser from "nodemailer/lib/addressparser";
import { z } from "zod";
import { hint } from "@/lib/failures/stored-failure";

// The "From address" setting: a bare address ("noreply@example.com") or a display name and an
// address ("AppMail <noreply@example.com>"), read by nodemailer's own parser, the one that reads
// it again when the message is sent. It is stored in one spelling (`formatFromAddress`), which
// the settings page shows back.

export const FROM_ADDRESS_MAX = 254;
export const FROM_ADDRESS_HELP = hint("from_address_invalid");

export type FromAddress = { name: string; address: string };

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** "Name <address>": one pair of angle brackets, at the end. */
const NAMED = /^([^<>]*)<([^<>]*)>$/;
/** Characters that RFC 5322 allows in a display name only inside quotes. */
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** The name and address typed, or null when it is not exactly one address (of either shape). */
export function parseFromAddress(typed: string): FromAddress | null {
  const text = typed.trim();
  if (!text || text.length > FROM_ADDRESS_MAX || CONTROL.test(text)) return null;
  const shape = NAMED.exec(text);
  if (!shape && /[<>]/.test(text)) return null;
  const parsed = addressparser(text);
  if (parsed.length !== 1) return null;
  const [entry] = parsed;
  if (!entry || entry.group !== undefined) return null;
  const address = entry.address.trim();
  const name = entry.name.replace(/\s+/g, " ").trim();
  // A bare address has no name; a name that holds an "@" would pass for another address.
  if (!shape && (name || address !== text)) return null;
  if (shape && !shape[1]!.trim() !== !name) return null;
  if (name.includes("@") || !z.email().safeParse(address).success) return null;
  return { name, address };
}

/** The stored spelling: `"Name" <address>` with quotes only where the name needs them. */
export function formatFromAddress({ name, address }: FromAddress): string {
  if (!name) return address;
  const shown = SPECIALS.test(name) ? `"${name.replace(/(["\\])/g, "\\$1")}"` : name;
  return `${shown} <${address}>`;
}
