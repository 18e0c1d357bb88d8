/** A titled section; with `id`, the heading names it, so it is a landmark region. */
export function Card({
  title,
  children,
  headingLevel = 2,
  id,
}: {
  title: string;
  children: React.ReactNode;
  headingLevel?: 1 | 2;
  id?: string;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <Heading id={headingId} className="text-lg font-semibold">
        {title}
      </Heading>
      <div className="mt-4">{children}</div>
    </section>
  );
}
