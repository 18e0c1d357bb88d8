import type { Prisma } from "@/lib/db/generated/client";

/** The only shape in which an account leaves the database: no hash, no secret. */
export const safeUserSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  sessionVersion: true,
  totpEnabledAt: true,
  twoFactorRequiredAt: true,
  createdAt: true,
  language: true,
} as const satisfies Prisma.UserSelect;

export type SafeUser = Prisma.UserGetPayload<{ select: typeof safeUserSelect }>;
export type Role = "ADMIN" | "CUSTOMER";
