// Seeds a throwaway benchmark database with the app's own modules (run with
// `npx tsx --conditions react-server bench/seed.ts` and APPMAIL_DATA_DIR set, after the
// migrations have been applied). Writes the accounts and their TOTP secrets as JSON.
// The options are in bench/lib/options.ts (seedOptions).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import { getConfig } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { sealTotpSecret } from "@/lib/two-factor/secret-store";
import { generateTotpSecret } from "@/lib/two-factor/totp";
import { seedOptions } from "./lib/options";
import type { SeededAccount } from "./lib/server";

export const BENCH_PASSWORD = "bench password 0123456789";
export const BENCH_ADMIN_EMAIL = "bench-admin@example.com";

const { accounts: count, enrolledFraction, out: outOption } = seedOptions();
const out = outOption ?? path.join(getConfig().dataDir, "bench-accounts.json");

const started = Date.now();
// One argon2id hash, reused by every account: hashing 6000 passwords would take a minute.
const passwordHash = await hashPassword(BENCH_PASSWORD);
const now = new Date();
const run = randomBytes(3).toString("hex");

await db.settings.upsert({
  where: { id: 1 },
  create: { id: 1, companyName: "Bench Co", twoFactorEnabled: true, requireTwoFactor: "NOBODY" },
  update: {
    companyName: "Bench Co",
    twoFactorEnabled: true,
    requireTwoFactor: "NOBODY",
    version: { increment: 1 },
  },
});
await db.user.upsert({
  where: { email: BENCH_ADMIN_EMAIL },
  create: { name: "Bench Admin", email: BENCH_ADMIN_EMAIL, passwordHash, role: "ADMIN" },
  update: {},
});

const accounts: SeededAccount[] = [];
const enrolledCount = Math.floor(count * enrolledFraction);
const BATCH = 500;
for (let start = 0; start < count; start += BATCH) {
  const rows = [];
  for (let i = start; i < Math.min(count, start + BATCH); i++) {
    const id = `bench${run}${String(i).padStart(6, "0")}`;
    const email = `bench-${run}-${i}@example.com`;
    // Spread evenly, so that every slice of consecutive accounts has its share of both kinds.
    const enrolled = Math.floor((i + 1) * enrolledFraction) > Math.floor(i * enrolledFraction);
    const secret = enrolled ? generateTotpSecret() : null;
    accounts.push({ id, email, name: `Bench ${i}`, secret });
    rows.push({
      id,
      name: `Bench ${i}`,
      email,
      passwordHash,
      role: "CUSTOMER",
      ...(secret
        ? { totpSecret: sealTotpSecret(secret, id), totpIssuer: "Bench Co", totpEnabledAt: now }
        : {}),
    });
  }
  await db.user.createMany({ data: rows });
}
// Throwaway secrets of a throwaway database, readable by the owner only.
writeFileSync(out, JSON.stringify({ password: BENCH_PASSWORD, passwordHash, accounts }), {
  mode: 0o600,
});
console.log(
  `seed: ${count} accounts (${enrolledCount} with 2FA) in ${Date.now() - started} ms -> ${out}`,
);
await db.$disconnect();
