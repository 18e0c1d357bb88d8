import { assertionOptions } from "@/lib/passkeys/assertion";
import { answer, readJsonBody, refuse } from "@/lib/passkeys/http";
import { passkeysAllowed } from "@/lib/passkeys/sign-in";

export const dynamic = "force-dynamic";

/** The options of a passkey prompt on /login: any discoverable credential, user verified. */
export async function POST(request: Request) {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  if (!(await passkeysAllowed())) return refuse(404, "Passkeys are turned off.");
  return answer(await assertionOptions(null, new Date()));
}
