"use client";

// Shown when the root layout itself failed: no request, no catalogue and no language to read
// here (docs/architecture.md, "Languages"), so it says the same in each of ours, each marked with
// its language, English first.
const SAID = [
  [
    "de",
    "Etwas ist schiefgelaufen",
    "Bitte versuchen Sie es erneut. Wenn es wieder passiert, wenden Sie sich an Ihren Administrator.",
  ],
  [
    "fr",
    "Une erreur s’est produite",
    "Veuillez réessayer. Si cela se reproduit, contactez votre administrateur.",
  ],
  [
    "es",
    "Algo ha salido mal",
    "Vuelve a intentarlo. Si sigue ocurriendo, avisa a tu administrador.",
  ],
] as const;

export default function GlobalError() {
  return (
    <html lang="en">
      <body>
        <main>
          <h1>Something went wrong</h1>
          <p>Please try again. If it keeps happening, tell your administrator.</p>
          {SAID.map(([lang, heading, text]) => (
            <section key={lang} lang={lang}>
              <h2>{heading}</h2>
              <p>{text}</p>
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}
