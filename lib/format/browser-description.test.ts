import { describe, expect, it } from "vitest";
import { describeBrowser, storedBrowserParts } from "./browser-description";

describe("describeBrowser", () => {
  it.each([
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Chrome on Linux",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Firefox on Windows",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari on iOS",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Microsoft Edge on macOS",
    ],
    ["curl/8.0", "Unknown browser on an unknown system"],
    [null, "Unknown browser"],
  ])("names %s as %s", (userAgent, description) => {
    expect(describeBrowser(userAgent)).toBe(description);
  });
});

describe("storedBrowserParts", () => {
  it.each([
    ["Chrome on Linux", { browser: "Chrome", system: "Linux" }],
    ["Microsoft Edge on macOS", { browser: "Microsoft Edge", system: "macOS" }],
    ["Unknown browser on an unknown system", { browser: null, system: null }],
    ["Unknown browser", null],
    ["Something else", undefined],
  ])("reads %s back", (description, parts) => {
    expect(storedBrowserParts(description)).toEqual(parts);
  });
});
