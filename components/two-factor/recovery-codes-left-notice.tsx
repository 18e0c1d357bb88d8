/** After a sign-in with a recovery code: how many remain, and what to do when few do. */
export function RecoveryCodesLeftNotice({ left }: { left: string | string[] | undefined }) {
  if (typeof left !== "string" || !/^\d{1,2}$/.test(left)) return null;
  const count = Number(left);
  return (
    <p
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      You signed in with a recovery code. {count} recovery code{count === 1 ? "" : "s"} remain
      {count === 1 ? "s" : ""}. You can make new ones on your account page.
    </p>
  );
}
