import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** The SignIn row this session belongs to. */
    sid?: string;
  }
}
