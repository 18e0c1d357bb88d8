import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";

// The options of the login page's passkey autofill: a fresh challenge, nothing checked or stored.
export async function POST(request: Request) {
  await request.text();
  return NextResponse.json({
    challenge: randomBytes(32).toString("base64url"),
    timeout: 120_000,
    userVerification: "required",
    allowCredentials: [],
  });
}
