import { afterEach, describe, expect, it, vi } from "vitest";
import { ensureSystemPackages, systemPackagesFor } from "./test-prerequisites";

// What `npm test` does on a machine that lacks what its suites drive (README, first lines).
afterEach(() => vi.restoreAllMocks());

describe("the system packages npm test needs", () => {
  it("asks only for what the selected suites drive", () => {
    const previous = process.env.APPMAIL_TEST_POSTGRES_URL;
    process.env.APPMAIL_TEST_POSTGRES_URL = "postgresql://elsewhere/db";
    try {
      // A given PostgreSQL server stands in for the package; nothing else is asked of unit tests.
      expect(systemPackagesFor(new Set(["unit"]))).toEqual([]);
      expect(systemPackagesFor(new Set())).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.APPMAIL_TEST_POSTGRES_URL;
      else process.env.APPMAIL_TEST_POSTGRES_URL = previous;
    }
  });

  it("without root, stops at once with one line naming the command to run", () => {
    vi.spyOn(process, "getuid").mockReturnValue(1000);
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => ensureSystemPackages(["chromium", "nginx"])).toThrow("exit 1");
    expect(exit).toHaveBeenCalledTimes(1);
    expect(error.mock.calls).toEqual([
      [
        "npm test: this machine lacks chromium, nginx; run: sudo sh -c 'apt-get update && apt-get install -y chromium nginx'",
      ],
    ]);
  });

  it("with nothing missing, does nothing", () => {
    const exit = vi.spyOn(process, "exit");
    ensureSystemPackages([]);
    expect(exit).not.toHaveBeenCalled();
  });
});
