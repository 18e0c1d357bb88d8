import createNextIntlPlugin from "next-intl/plugin";

// next-intl finds each request's language and messages in i18n/request.ts (docs/architecture.md,
// "Languages").
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const securityHeaders = [
  // "no-referrer" would make Chromium send "Origin: null" on form posts, which server actions refuse.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
];

const nextConfig = {
  // A separate build folder lets test runs on one checkout build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    authInterrupts: true,
    // Off only in the build that `BENCH_READABLE=1` profiles (bench/lib/server.ts sets
    // APPMAIL_SERVER_MINIFY=0 for it), so that they name functions.
    serverMinification: process.env.APPMAIL_SERVER_MINIFY !== "0",
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
