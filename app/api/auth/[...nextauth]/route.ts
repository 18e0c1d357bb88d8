import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { guardedRoute } from "@/lib/actions/guarded-route";
import { authOptions } from "@/lib/sign-in/next-auth-options";
import { guardAuthRoute } from "@/lib/sign-in/next-auth-route";

// next-auth reads its own forms and checks its own CSRF token; guardAuthRoute first refuses the
// input on which it would fail with a 500.
const nextAuth = guardAuthRoute(NextAuth(authOptions));

const handler = guardedRoute({ caller: "anyone", input: "raw" }, (request, _, { params }) =>
  nextAuth(request as NextRequest, { params: params as Promise<{ nextauth?: string[] }> }),
);

export { handler as GET, handler as POST };
