// Lighthouse performance and accessibility of pages, when the optional `lighthouse` package
// (with its `chrome-launcher`) is installed: the median of RUNS runs of each page.

const RUNS = 3;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export type LighthouseResult =
  | { status: "not installed" | "skipped"; reason?: string }
  | { status: "ok"; pages: Record<string, LighthouseScores> }
  | { status: "failed"; reason: string };

type LighthouseScores = {
  performance: number;
  accessibility: number;
  /** The audits of either category that did not pass, with their scores: what to fix. */
  failing: Record<string, number>;
};

type LighthouseReport = {
  lhr: {
    categories: Record<
      string,
      { score: number | null; auditRefs: { id: string; weight: number }[] }
    >;
    audits: Record<string, { score: number | null; scoreDisplayMode: string }>;
  };
};

export async function lighthouseScores(
  baseUrl: string,
  pages: { pathname: string; cookie: string }[],
): Promise<LighthouseResult> {
  let lighthouse: (url: string, flags: object, config?: object) => Promise<unknown>;
  let launch: (options: object) => Promise<{ port: number; kill: () => unknown }>;
  try {
    const moduleName = "lighthouse";
    const launcherName = "chrome-launcher";
    lighthouse = ((await import(moduleName)) as { default: typeof lighthouse }).default;
    launch = ((await import(launcherName)) as { launch: typeof launch }).launch;
  } catch {
    return { status: "not installed" };
  }
  const chrome = await launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const scores: Record<string, LighthouseScores> = {};
    for (const { pathname, cookie } of pages) {
      const runs: LighthouseScores[] = [];
      for (let run = 0; run < RUNS; run++) {
        const result = (await lighthouse(`${baseUrl}${pathname}`, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility"],
          extraHeaders: cookie ? { Cookie: cookie } : undefined,
        })) as LighthouseReport | undefined;
        const categories = result?.lhr.categories;
        const failing: Record<string, number> = {};
        for (const category of Object.values(categories ?? {})) {
          for (const ref of category.auditRefs) {
            const audit = result!.lhr.audits[ref.id];
            if (
              ref.weight > 0 &&
              audit?.score !== null &&
              audit?.score !== undefined &&
              audit.score < 1
            ) {
              failing[ref.id] = audit.score;
            }
          }
        }
        runs.push({
          performance: Math.round((categories?.performance?.score ?? 0) * 100),
          accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
          failing,
        });
      }
      scores[pathname] = {
        performance: median(runs.map((each) => each.performance)),
        accessibility: median(runs.map((each) => each.accessibility)),
        failing: Object.assign({}, ...runs.map((each) => each.failing)) as Record<string, number>,
      };
    }
    return { status: "ok", pages: scores };
  } catch (error) {
    return { status: "failed", reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await chrome.kill();
  }
}
