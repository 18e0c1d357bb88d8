// Summarises a V8 .cpuprofile (node --cpu-prof) of the server: where the main thread spent its
// time, by area (Next.js, React, app bundle, Prisma, next-auth, node internals, GC, idle) and by
// function. The argon2 hashing runs on libuv's thread pool and does not appear here.
import { readFileSync } from "node:fs";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type CpuProfile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
};

function area(url: string, functionName: string): string {
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "(program)") return "V8/native (program)";
  if (!url) return "native";
  if (url.startsWith("node:")) return "node internals";
  if (/next\/dist\/compiled\/(react|scheduler)/.test(url) || /react-server-dom/.test(url)) {
    return "React (rendering, RSC)";
  }
  if (url.includes("node_modules/next/")) return "Next.js";
  if (url.includes("node_modules/@prisma/") || url.includes("/prisma")) return "Prisma";
  if (url.includes("node_modules/better-sqlite3")) return "better-sqlite3";
  if (url.includes("node_modules/next-auth") || url.includes("node_modules/jose"))
    return "next-auth/jose";
  if (url.includes("node_modules/tsx") || url.includes("node_modules/esbuild")) return "tsx loader";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes("/server/chunks/")) return "app server bundle";
  return "other";
}

/**
 * `windows`: only the samples taken inside these [start, end] spans (µs of the monotonic clock,
 * as process.hrtime and V8's profile both count), for one step (bench/profile-step.ts).
 */
export function summariseProfile(file: string, top = 15, windows?: [number, number][]) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (windows && !windows.some(([start, end]) => at >= start && at <= end)) return;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = area(url, functionName);
    areas.set(name, (areas.get(name) ?? 0) + micros);
    const where = url
      ? `${url.replace(/^.*\/(node_modules|\.next[^/]*)\//, "$1/")}:${lineNumber + 1}`
      : "";
    const key = `${functionName || "(anonymous)"} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + micros);
  }
  const pct = (micros: number) => Math.round((micros / total) * 1000) / 10;
  const sortDesc = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).map(([name, micros]) => ({ name, percent: pct(micros) }));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, micros] of self) {
    const seen = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
      const { functionName, url, lineNumber } = byId.get(node)!.callFrame;
      if (!url.includes("/server/chunks/") && !url.includes("node_modules/next-auth")) continue;
      const key = `${functionName || "(anonymous)"} ${url.replace(/^.*\//, "")}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    }
  }
  return {
    sampledMs: Math.round(total / 100) / 10,
    appFramesInclusive: sortDesc(inclusive).slice(0, top),
    sampledSeconds: Math.round(total / 1e4) / 100,
    areas: sortDesc(areas),
    functions: sortDesc(functions).slice(0, top),
  };
}

if (import.meta.filename === process.argv[1]) {
  console.log(JSON.stringify(summariseProfile(process.argv[2]!, 30), null, 2));
}
