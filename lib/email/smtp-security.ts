/** How the connection to the SMTP server is secured. */
export const SMTP_SECURITY = ["NONE", "STARTTLS", "TLS"] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/**
 * The longest SMTP username or password accepted; the settings form (a client component) and
 * lib/email/schemas.ts use the same. Here, not beside the zod schema: zod stays out of the browser.
 */
export const SMTP_CREDENTIAL_MAX = 256;
