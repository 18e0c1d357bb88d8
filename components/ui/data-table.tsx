/**
 * The backend's tables (audit log, outbox): a caption for screen readers, one row of column
 * headings, then the caller's rows. `focusable` (the default) lets the keyboard scroll a table
 * wider than the screen, which any of them is at 360 px with long enough rows (axe's
 * scrollable-region-focusable); the scrolling box is then a region named by the caption, so that
 * focus on it says what it holds.
 */
export function DataTable({
  caption,
  headings,
  focusable = true,
  children,
}: {
  caption: string;
  headings: React.ReactNode[];
  focusable?: boolean;
  children: React.ReactNode;
}) {
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={focusable ? 0 : undefined}
      role={focusable ? "region" : undefined}
      aria-label={focusable ? caption : undefined}
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            {headings.map((heading, index) => (
              <th key={index} scope="col" className="px-3 py-2">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
