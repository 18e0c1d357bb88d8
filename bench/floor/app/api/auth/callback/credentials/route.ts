import { NextResponse, type NextRequest } from "next/server";
import { verifyPassword } from "../../../../../../../lib/auth/password";
import { SESSION_COOKIE, sessionValue } from "../../../../session";

// One argon2id verification, with the app's own function and parameters, against the hash the
// benchmark seeded (FLOOR_PASSWORD_HASH).
export async function POST(request: NextRequest) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const csrfOk = form.get("csrfToken") === request.cookies.get("floor-csrf")?.value;
  const hash = process.env.FLOOR_PASSWORD_HASH ?? null;
  const ok = (await verifyPassword(hash, String(form.get("password") ?? ""))) && csrfOk;
  if (!ok || !email) return NextResponse.json({ url: "/login?error=CredentialsSignin" });
  const response = NextResponse.json({ url: "/login" });
  response.cookies.set(SESSION_COOKIE, sessionValue({ stage: "pending", email }), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
  });
  return response;
}
