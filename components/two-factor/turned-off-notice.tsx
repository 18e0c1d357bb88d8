import Link from "next/link";

/** 2FA is off for the whole instance: nothing to set up; admins get the way to turn it on. */
export function TurnedOffNotice({ admin }: { admin: boolean }) {
  return (
    <p className="text-slate-700">
      Two-factor authentication is turned off for this instance.{" "}
      {admin ? (
        <Link href="/backend/settings/2fa" className="font-medium text-indigo-700 underline">
          Open the two-factor settings
        </Link>
      ) : null}
    </p>
  );
}
