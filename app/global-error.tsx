"use client";

/** The last resort, when even the layout failed: the same message in the city's three languages, with the reference. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: "40rem", margin: "2rem auto", padding: "0 1rem" }}>
        <h1>Une erreur s&apos;est produite</h1>
        <p>La page n&apos;a pas pu s&apos;afficher. Réessayez dans un instant.</p>
        <p lang="ar" dir="rtl">
          حدث خطأ. تعذر عرض الصفحة، أعيدوا المحاولة بعد لحظة.
        </p>
        <p lang="en">Something went wrong. The page could not be shown; try again in a moment.</p>
        {error.digest ? <p>Référence / المرجع / Reference: {error.digest}</p> : null}
        <button type="button" onClick={reset}>
          Réessayer / إعادة المحاولة / Try again
        </button>
      </body>
    </html>
  );
}
