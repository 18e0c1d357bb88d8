export function Card({
  title,
  children,
  headingLevel = 2,
}: {
  title: string;
  children: React.ReactNode;
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <Heading className="text-lg font-semibold">{title}</Heading>
      <div className="mt-4">{children}</div>
    </section>
  );
}
