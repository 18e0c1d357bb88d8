// The lengths the account forms allow. Without zod, so that a client component can show them
// (maxLength, minLength) without shipping the validation library (docs/architecture.md,
// "What the browser loads"); lib/users/schemas.ts validates with the same numbers.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const NAME_MAX = 100;
export const EMAIL_MAX = 254;
