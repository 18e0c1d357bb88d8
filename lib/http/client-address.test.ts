import { describe, expect, it } from "vitest";
import { clientAddressFrom, clientNetwork, resolveClientAddress } from "./client-address";

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

describe("clientNetwork", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(clientNetwork("203.0.113.9")).toBe("203.0.113.9");
    expect(clientNetwork("203.0.113.10")).toBe("203.0.113.10");
  });

  it("counts an IPv4-mapped IPv6 address as the IPv4 client, however it is written", () => {
    for (const mapped of [
      "::ffff:203.0.113.9",
      "::FFFF:203.0.113.9",
      "::ffff:cb00:7109",
      "0:0:0:0:0:ffff:cb00:7109",
    ]) {
      expect(clientNetwork(mapped), mapped).toBe("203.0.113.9");
    }
  });

  it("gives every address in one IPv6 /64 the same key, whatever its spelling", () => {
    const spellings = [
      "2001:db8:1:2::1",
      "2001:DB8:1:2::1",
      "2001:0db8:0001:0002:0000:0000:0000:0001",
      "2001:db8:1:2:ffff:ffff:ffff:ffff",
      "2001:db8:1:2:a:b:c:d",
      "2001:db8:1:2::",
      "2001:db8:1:2:0:0:198.51.100.1",
      " 2001:db8:1:2::7 ",
    ];
    for (const address of spellings) {
      expect(clientNetwork(address), address).toBe("2001:db8:1:2::/64");
    }
    expect(clientNetwork("fe80::1%eth0")).toBe(clientNetwork("fe80::2"));
  });

  it("gives different /64s different keys", () => {
    expect(clientNetwork("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(clientNetwork("2001:db8:1:2::1")).not.toBe(clientNetwork("2001:db8:1:3::1"));
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
    expect(clientNetwork("1::")).toBe("1:0:0:0::/64");
  });

  it("never mistakes something else for an address", () => {
    for (const value of ["unknown", "", "1.2.3", "01.2.3.4", "2001:db8::g", "<script>"]) {
      expect(clientNetwork(value), value).toBe("unknown");
    }
  });
});
