import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";

// What a browser posts after a passkey prompt, read strictly before anything is verified: any
// other shape is refused with a 4xx and changes nothing (docs/rules.md, rule 15).

const base64url = z
  .string()
  .min(1)
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]+={0,2}$/);
const extensions = z.record(z.string(), z.unknown()).default({});
const attachment = z.enum(["platform", "cross-platform"]).optional();

const authenticationSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  clientExtensionResults: extensions,
  authenticatorAttachment: attachment,
});

const registrationSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
    authenticatorData: base64url.optional(),
  }),
  clientExtensionResults: extensions,
  authenticatorAttachment: attachment,
});

/** JSON text or an already parsed value; null for anything that is not one. */
function parse(input: unknown): unknown {
  if (typeof input !== "string") return input;
  if (input.length > 65_536) return null;
  try {
    return JSON.parse(input);
  } catch {
    return null;
  }
}

export function readAuthenticationResponse(input: unknown): AuthenticationResponseJSON | null {
  const parsed = authenticationSchema.safeParse(parse(input));
  return parsed.success ? (parsed.data as AuthenticationResponseJSON) : null;
}

export function readRegistrationResponse(input: unknown): RegistrationResponseJSON | null {
  const parsed = registrationSchema.safeParse(parse(input));
  return parsed.success ? (parsed.data as RegistrationResponseJSON) : null;
}

/** The challenge the browser signed, from its client data; null when unreadable. */
export function signedChallenge(clientDataJSON: string): string | null {
  try {
    const clientData = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge = (clientData as { challenge?: unknown })?.challenge;
    return typeof challenge === "string" && /^[A-Za-z0-9_-]{1,128}$/.test(challenge)
      ? challenge
      : null;
  } catch {
    return null;
  }
}
