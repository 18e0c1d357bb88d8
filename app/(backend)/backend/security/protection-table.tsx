import { getTranslations } from "next-intl/server";
import { protectedPercent, type ProtectionByRole } from "@/lib/security-overview/protection-counts";

const ROWS = [
  ["ADMIN", "admins"],
  ["CUSTOMER", "customers"],
  ["ALL", "allAccounts"],
] as const;

const COLUMNS = ["accounts", "authenticatorApp", "passkey", "noSecondFactor", "protected"] as const;

/** "Protection by role": grouped counts (lib/security-overview/protection-counts.ts). */
export async function ProtectionTable({ counts }: { counts: ProtectionByRole }) {
  const t = await getTranslations("admin.security");
  return (
    <div className="space-y-2">
      {/* Focusable, as DataTable's box is: at 360 px the columns scroll, and the keyboard must
          reach them (axe's scrollable-region-focusable). */}
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={0}
        role="region"
        aria-label={t("byRole")}
      >
        <table className="w-full text-left text-sm" aria-describedby="protection-note">
          <caption className="px-3 pt-3 text-left text-base font-semibold">{t("byRole")}</caption>
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              <td className="px-3 py-2" />
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className="px-3 py-2">
                  {t(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map(([role, label]) => {
              const row = counts[role];
              const share = protectedPercent(row);
              return (
                <tr key={role} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2">
                    {t(label)}
                  </th>
                  <td className="px-3 py-2">{row.accounts}</td>
                  <td className="px-3 py-2">{row.authenticatorApp}</td>
                  <td className="px-3 py-2">{row.passkey}</td>
                  <td className="px-3 py-2">{row.accounts - row.protectedCount}</td>
                  <td className="px-3 py-2">
                    {share === null ? "—" : t("percent", { value: share })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p id="protection-note" className="text-sm text-slate-600">
        {t("countNote")}
      </p>
    </div>
  );
}
