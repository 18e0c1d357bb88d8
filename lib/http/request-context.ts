import "server-only";
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/audit/audit";
import { clientAddressFrom, userAgentFrom } from "./client-address";

/** Who is asking, for the security log and the per-address limits. */
export async function requestContext(): Promise<RequestContext> {
  const incoming = await headers();
  return { clientAddress: clientAddressFrom(incoming), userAgent: userAgentFrom(incoming) };
}
