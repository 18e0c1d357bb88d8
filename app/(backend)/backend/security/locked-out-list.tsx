import { DateTime } from "@/components/ui/date-time";
import type { LockedOutAccount } from "@/lib/security-overview/locked-out";
import { UnlockAccount } from "./unlock-account";

const WHAT: Record<"both" | "secondStep" | "password", string> = {
  both: "Second step and password sign-in locked",
  secondStep: "Second step locked (too many wrong codes)",
  password: "Password sign-in locked (too many wrong passwords)",
};

/** "Locked out": each account with when its lock ends and "Unlock <email>". */
export function LockedOutList({ accounts }: { accounts: LockedOutAccount[] }) {
  if (accounts.length === 0) return <p className="text-sm text-slate-700">Nobody is locked out.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {accounts.map((account) => (
        <li key={account.id} className="space-y-2 px-3 py-3">
          <p className="text-sm break-all">
            <span className="font-medium">{account.email}</span>{" "}
            <span className="text-slate-600">({account.name})</span>
          </p>
          <p className="text-sm text-slate-700">
            {
              WHAT[
                account.secondStep && account.password
                  ? "both"
                  : account.secondStep
                    ? "secondStep"
                    : "password"
              ]
            }{" "}
            until <DateTime date={account.until} />
          </p>
          <UnlockAccount userId={account.id} email={account.email} />
        </li>
      ))}
    </ul>
  );
}
