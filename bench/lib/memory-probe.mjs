// Loaded into the benchmark's server only (`node --expose-gc --import ./bench/lib/memory-probe.mjs`,
// bench/accounts.ts): it prints the process's memory as one line, on SIGUSR2 as it is (garbage not
// yet collected included), on SIGWINCH after a full garbage collection, so that the benchmark can
// tell what the heap holds from what it has not yet collected (bench/README.md, "Accounts").
// Plain JavaScript: it loads before tsx.
const report = (collected) =>
  console.log(`bench-memory ${JSON.stringify({ ...process.memoryUsage(), collected })}`);
process.on("SIGUSR2", () => report(false));
process.on("SIGWINCH", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  report(true);
});
