"use client";

export default function GlobalError() {
  return (
    <html lang="en">
      <body>
        <main>
          <h1>Something went wrong</h1>
          <p>Please try again. If it keeps happening, tell your administrator.</p>
        </main>
      </body>
    </html>
  );
}
