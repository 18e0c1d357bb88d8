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
