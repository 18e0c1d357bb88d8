/** The first admin, created by test/browser/setup.spec.ts and reused by every other spec. */
export const admin = {
  name: "Ada Admin",
  email: "admin@example.com",
  password: "correct horse battery staple",
} as const;

/** A fresh address on every call, so that runs and tests never collide. */
export function uniqueEmail(prefix: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${prefix}-${suffix}@example.com`;
}
