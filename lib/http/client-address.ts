import { isIP } from "node:net";

/** Set by server.ts from the socket and the trusted proxies; any incoming copy is dropped. */
export const CLIENT_ADDRESS_HEADER = "x-appmail-client-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function clientAddressFrom(headers: HeaderSource): string {
  const value = readHeader(headers, CLIENT_ADDRESS_HEADER)?.trim();
  return value && isIP(value) ? value : "unknown";
}

export function userAgentFrom(headers: HeaderSource): string | null {
  const value = readHeader(headers, "user-agent");
  return value ? value.slice(0, 512) : null;
}

/**
 * The client's address given the socket's peer and X-Forwarded-For: with N trusted proxies,
 * the Nth entry from the right was written by the outermost proxy we trust.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trustedProxyHops: number,
): string {
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    socketAddress ?? "",
  ];
  const candidate = chain[Math.max(0, chain.length - 1 - trustedProxyHops)] ?? "";
  const normalized = candidate.startsWith("::ffff:") ? candidate.slice(7) : candidate;
  return isIP(normalized) ? normalized : "unknown";
}

/** The eight 16-bit groups of a valid IPv6 address (zone already removed). */
function ipv6Groups(address: string): number[] {
  const toGroups = (part: string) =>
    part
      .split(":")
      .filter(Boolean)
      .flatMap((group) => {
        if (!group.includes(".")) return [parseInt(group, 16)];
        const [a, b, c, d] = group.split(".").map(Number) as [number, number, number, number];
        return [(a << 8) | b, (c << 8) | d];
      });
  const [head = "", tail] = address.split("::");
  const left = toGroups(head);
  const right = tail === undefined ? [] : toGroups(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The network a client address stands for in the per-client sign-in limit: an IPv4 address as
 * it is, an IPv6 address its /64. One subscriber is usually given a whole /64 and can pick any
 * address in it, so counting per IPv6 address would give one guesser 2^64 allowances. An
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 client it maps. Different spellings of
 * one address (case, zeros, "::", a zone) give the same result.
 */
export function clientNetwork(clientAddress: string): string {
  const address = clientAddress.trim().toLowerCase().replace(/%.*$/, "");
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return "unknown";
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6]!, groups[7]!];
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}
