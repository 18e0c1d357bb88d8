// The floor: the least a Next.js app can do for AppMail's sign-in (bench/floor/README.md).
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Beside the app's build folders at the top of the repository, which the main tsconfig,
  // ESLint and Prettier all ignore (.next-*).
  distDir: process.env.FLOOR_DIST_DIR || "../../.next-bench-floor",
  poweredByHeader: false,
  reactStrictMode: true,
  // The repository's own `tsc --noEmit -p .` checks these files; the floor's build need not.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
