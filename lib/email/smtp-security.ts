/** How the connection to the SMTP server is secured. */
export const SMTP_SECURITY = ["NONE", "STARTTLS", "TLS"] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
