// The floor's whole session: one cookie saying who signed in and how far ("pending" after the
// password, "complete" after the code). Unsigned: the floor measures a framework, not security.
import { cookies } from "next/headers";

export const SESSION_COOKIE = "floor-session";

export type FloorSession = { stage: "pending" | "complete"; email: string };

export async function readSession(): Promise<FloorSession | null> {
  const value = (await cookies()).get(SESSION_COOKIE)?.value;
  const [stage, email] = value ? decodeURIComponent(value).split(":") : [];
  if ((stage !== "pending" && stage !== "complete") || !email) return null;
  return { stage, email };
}

export const sessionValue = (session: FloorSession) =>
  encodeURIComponent(`${session.stage}:${session.email}`);
