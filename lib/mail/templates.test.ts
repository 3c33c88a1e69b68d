import { describe, expect, it } from "vitest";
import { renderAcknowledgement } from "./templates";

const facts = {
  cityName: "Tétouan",
  trackingNumber: "TET-7KQ2-M9XD-4",
  trackUrl: "http://localhost:3000/track/TET-7KQ2-M9XD-4",
  categoryNames: ["Lampadaire éteint", "<script>alert(1)</script>"],
  serviceName: "Éclairage public",
  submittedAt: new Date("2026-11-20T10:00:00Z"),
  routingDueAt: new Date("2026-11-22T10:00:00Z"),
  responseDueAt: new Date("2026-12-01T22:59:59.999Z"),
  timeZone: "Africa/Casablanca",
  silenceRule: "rejection" as const,
};

describe("renderAcknowledgement", () => {
  it("states the number, link, due dates and the silence rule, in the citizen's language", () => {
    const fr = renderAcknowledgement({ ...facts, locale: "fr" });
    expect(fr.subject).toContain("TET-7KQ2-M9XD-4");
    expect(fr.text).toContain("http://localhost:3000/track/TET-7KQ2-M9XD-4");
    expect(fr.text).toContain("mardi 1 décembre 2026");
    expect(fr.text).toContain("vaudra rejet");
    const ar = renderAcknowledgement({ ...facts, locale: "ar" });
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.subject).toContain("الشكاية");
    const en = renderAcknowledgement({ ...facts, locale: "en", silenceRule: "acceptance" });
    expect(en.text).toMatch(/Tuesday,? 1 December 2026/);
    expect(en.text).toContain("acceptance");
  });

  it("adds the request type's own paragraph before what silence will mean, when it has one", () => {
    const typeParagraph = "Votre carte sera prête sous quinze jours : venez la retirer avec une pièce d'identité.";
    const fr = renderAcknowledgement({ ...facts, locale: "fr", typeParagraph });
    const paragraphs = fr.text.split("\n\n");
    const at = paragraphs.indexOf(typeParagraph);
    expect(at).toBeGreaterThan(0);
    expect(paragraphs[at + 1]).toContain("vaudra rejet");
    expect(fr.html).toContain(`<p>${"Votre carte sera prête sous quinze jours : venez la retirer avec une pièce d&#39;identité."}</p>`);
    const without = renderAcknowledgement({ ...facts, locale: "fr" });
    expect(without.text.split("\n\n")).toHaveLength(paragraphs.length - 1);
    expect(renderAcknowledgement({ ...facts, locale: "fr", typeParagraph: "  " }).text).toBe(without.text);
  });

  it("escapes what came from users in the HTML version", () => {
    const { html, text } = renderAcknowledgement({ ...facts, locale: "fr" });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(text).toContain("<script>"); // plain text is not HTML
  });
});
