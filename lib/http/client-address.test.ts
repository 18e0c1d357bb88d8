import { describe, expect, it } from "vitest";
import { clientAddressFrom, resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it("uses the socket address when no proxy is trusted, whatever the client claims", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
  });

  it("takes the entry the trusted proxy appended, not what the client prepended", () => {
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1", 2)).toBe(
      "198.51.100.7",
    );
  });

  it("never returns garbage", () => {
    expect(resolveClientAddress("10.0.0.2", "<script>", 1)).toBe("unknown");
    expect(resolveClientAddress(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("clientAddressFrom", () => {
  it("reads the header server.ts sets, from Headers or a plain object", () => {
    expect(clientAddressFrom(new Headers({ "x-appmail-client-address": "192.0.2.1" }))).toBe(
      "192.0.2.1",
    );
    expect(clientAddressFrom({ "x-appmail-client-address": "2001:db8::1" })).toBe("2001:db8::1");
    expect(clientAddressFrom({ "x-appmail-client-address": "nonsense" })).toBe("unknown");
    expect(clientAddressFrom(undefined)).toBe("unknown");
  });
});
