import { getLocale, getTranslations } from "next-intl/server";
import { linePath, scales, type Frame } from "@/lib/security-overview/chart-lines";
import type { DayFigures } from "@/lib/security-overview/history-replay";
import { protectedPercent } from "@/lib/security-overview/protection-counts";

// "Protected accounts over time": an SVG drawn on the server, and the same figures in a table
// that only screen readers are given (docs/architecture.md, "Security overview").

const FRAME: Frame = { width: 720, height: 260, left: 44, right: 12, top: 12, bottom: 28 };
/** "7 Dec" in the page's language; English the British way, as every date (lib/format/date-time.ts). */
const dayFormat = (locale: string) =>
  new Intl.DateTimeFormat(locale.startsWith("en") ? "en-GB" : locale, {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });

type Words = { admins: string; customers: string; allAccounts: string };

type Series = { label: string; stroke: string; dash?: string; values: (number | null)[] };

function seriesOf(history: DayFigures[], words: Words): Series[] {
  const all = history.map(({ byRole: { ADMIN, CUSTOMER } }) =>
    protectedPercent({
      accounts: ADMIN.accounts + CUSTOMER.accounts,
      protectedCount: ADMIN.protectedCount + CUSTOMER.protectedCount,
    }),
  );
  return [
    {
      label: words.admins,
      stroke: "#4338ca",
      values: history.map((d) => protectedPercent(d.byRole.ADMIN)),
    },
    {
      label: words.customers,
      stroke: "#0f766e",
      dash: "8 5",
      values: history.map((d) => protectedPercent(d.byRole.CUSTOMER)),
    },
    { label: words.allAccounts, stroke: "#334155", dash: "2 4", values: all },
  ];
}

export async function ProtectionChart({ history }: { history: DayFigures[] }) {
  const [t, locale] = await Promise.all([getTranslations("admin.security"), getLocale()]);
  const DAY = dayFormat(locale);
  const percent = (value: number | null) => (value === null ? "—" : t("percent", { value }));
  const series = seriesOf(history, {
    admins: t("admins"),
    customers: t("customers"),
    allAccounts: t("allAccounts"),
  });
  const { x, y } = scales(FRAME, history.length);
  const first = history[0]!.day;
  const last = history[history.length - 1]!.day;
  return (
    <figure className="space-y-2">
      <svg
        role="img"
        aria-label={t("chartLabel")}
        viewBox={`0 0 ${FRAME.width} ${FRAME.height}`}
        className="h-auto w-full rounded-lg border border-slate-200 bg-white"
      >
        <title>{t("chartLabel")}</title>
        {[0, 50, 100].map((tick) => (
          <g key={tick}>
            <line
              x1={FRAME.left}
              x2={FRAME.width - FRAME.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke="#e2e8f0"
            />
            <text x={FRAME.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#475569">
              {t("percent", { value: tick })}
            </text>
          </g>
        ))}
        <text x={x(0)} y={FRAME.height - 8} fontSize="12" fill="#475569">
          {DAY.format(first)}
        </text>
        <text
          x={x(history.length - 1)}
          y={FRAME.height - 8}
          textAnchor="end"
          fontSize="12"
          fill="#475569"
        >
          {DAY.format(last)}
        </text>
        {series.map((line) => (
          <path
            key={line.label}
            d={linePath(line.values, FRAME)}
            fill="none"
            stroke={line.stroke}
            strokeWidth="2.5"
            strokeDasharray={line.dash}
          />
        ))}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-hidden="true">
          {series.map((line) => (
            <li key={line.label} className="flex items-center gap-2">
              <svg width="28" height="8" aria-hidden="true">
                <line
                  x1="0"
                  x2="28"
                  y1="4"
                  y2="4"
                  stroke={line.stroke}
                  strokeWidth="2.5"
                  strokeDasharray={line.dash}
                />
              </svg>
              {line.label}
            </li>
          ))}
        </ul>
        <p className="text-sm text-slate-600">{t("chartNote", { first: DAY.format(first) })}</p>
      </figcaption>
      {/* In a box of its own: a table takes the width of its content whatever its own width says,
          so `sr-only` on the table itself let it widen the page (by 57 px at 360 px in German). */}
      <div className="sr-only">
        <table>
          <caption>{t("chartTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("day")}</th>
              {series.map((line) => (
                <th key={line.label} scope="col">
                  {line.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {history.map((day, index) => (
              <tr key={day.day.toISOString()}>
                <th scope="row">{DAY.format(day.day)}</th>
                {series.map((line) => (
                  <td key={line.label}>{percent(line.values[index]!)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
