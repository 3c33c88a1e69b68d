/**
 * The letters as a reader gets them: the text extracted from the PDF (poppler's `pdftotext`,
 * installed by .ci/run) holds each block of the standard layout in reading order, and the Arabic
 * letter reads in its logical order with its letters as written.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { letterBlocks, type LetterFacts } from "@/lib/domain/letters";
import type { Locale } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { renderLetterPdf } from "./pdf";

const dir = mkdtempSync(path.join(tmpdir(), "letters-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of a PDF as pdftotext reads it, without the direction marks it adds around right-to-left runs. */
function textOf(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
  } catch (error) {
    throw new Error(`pdftotext (Debian's poppler-utils) is needed to read the letters back: ${(error as Error).message}`);
  }
}

const WORDS: Record<
  Locale,
  { city: string; service: string; address: string; hours: string; name: string; type: string; answer: string; first: string; last: string; title: string }
> = {
  fr: {
    city: "Tétouan",
    service: "Service de la propreté",
    address: "Avenue Mohammed V, 93000 Tétouan",
    hours: "du lundi au vendredi, 8 h 30 – 16 h 30",
    name: "Fatima Zahra El Alaoui",
    type: "Conteneur plein",
    answer: "Le conteneur a été vidé le 22 novembre. La fréquence de collecte sera renforcée dans le quartier.",
    first: "Saïd",
    last: "Bennani",
    title: "Chef du service",
  },
  en: {
    city: "Tetouan",
    service: "Cleaning service",
    address: "Mohammed V Avenue, 93000 Tetouan",
    hours: "Monday to Friday, 8.30 am – 4.30 pm",
    name: "Fatima Zahra El Alaoui",
    type: "Full container",
    answer: "The container was emptied on 22 November. Collection will be more frequent in the district.",
    first: "Said",
    last: "Bennani",
    title: "Head of service",
  },
  ar: {
    city: "تطوان",
    service: "مصلحة النظافة",
    address: "شارع محمد الخامس، 93000 تطوان",
    hours: "من الاثنين إلى الجمعة",
    name: "فاطمة الزهراء العلوي",
    type: "حاوية أزبال ممتلئة",
    answer: "تم إفراغ الحاوية يوم 22 نونبر، وسيتم تعزيز وتيرة الجمع في الحي.",
    first: "سعيد",
    last: "بناني",
    title: "رئيس المصلحة",
  },
};

function factsFor(locale: Locale): LetterFacts {
  const w = WORDS[locale];
  return {
    kind: "answer",
    locale,
    issuedAt: new Date("2026-12-03T10:00:00Z"),
    timeZone: "Africa/Casablanca",
    city: { name: w.city, postalAddress: w.address, phone: "+212 539 96 00 00", openingHours: w.hours },
    serviceName: w.service,
    recipient: { name: w.name, email: "fatima@example.ma", phone: null },
    requestKind: "complaint",
    typeName: w.type,
    publicNumber: 1234,
    submittedAt: new Date("2026-11-20T09:00:00Z"),
    answer: { outcome: "upheld", text: w.answer, reorientedTo: null, signature: { firstName: w.first, lastName: w.last, title: w.title } },
    verification: { code: "7K2Q-M9XD-4T1B", url: "https://reclamations.example/letters/7K2Q-M9XD-4T1B" },
  };
}

async function render(locale: Locale) {
  const facts = factsFor(locale);
  const blocks = letterBlocks(facts, translatorFor(locale));
  const pdf = await renderLetterPdf({
    blocks,
    locale,
    title: "t",
    author: facts.city.name,
    issuedAt: facts.issuedAt,
    logoPng: null,
    verificationUrl: facts.verification.url,
  });
  return { blocks, pdf, text: textOf(pdf, locale) };
}

/** Each expected text appears, after the one before it. */
function expectInOrder(text: string, expected: string[]) {
  const flat = text.replace(/\s+/g, " ");
  let from = 0;
  for (const piece of expected) {
    const at = flat.indexOf(piece.replace(/\s+/g, " "), from);
    expect(at, `"${piece}" after position ${from} in: ${flat.slice(0, 1500)}`).toBeGreaterThanOrEqual(0);
    from = at + piece.length;
  }
}

/** Arabic letters and their marks, without its punctuation (، ؛ ؟) and digits. */
const arabicWords = (text: string) => text.match(/[\u0620-\u065f\u066e-\u06d3\u06fa-\u06ff]+/g) ?? [];

/**
 * The Arabic words of each expected text appear, one after another, after the previous text's: the
 * logical order of the words, whatever the extraction does with the spaces around numbers and
 * punctuation between runs of each direction (its own reordering, not the letter's).
 */
function expectArabicInOrder(text: string, expected: string[]) {
  const words = arabicWords(text);
  let from = 0;
  for (const piece of expected) {
    const wanted = arabicWords(piece);
    if (wanted.length === 0) {
      expect(text).toContain(piece);
      continue;
    }
    let at = -1;
    for (let i = from; i + wanted.length <= words.length && at < 0; i++) if (wanted.every((word, k) => words[i + k] === word)) at = i;
    expect(at, `"${piece}" (words ${wanted.join(" ")}) after word ${from} of: ${words.join(" ")}`).toBeGreaterThanOrEqual(0);
    from = at + wanted.length;
  }
}

describe("letters as PDF", () => {
  for (const locale of ["fr", "en", "ar"] as const) {
    it(`${locale}: an A4 page with each block of the layout, in reading order`, async () => {
      const { blocks, pdf, text } = await render(locale);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const info = execFileSync("pdfinfo", [path.join(dir, `${locale}.pdf`)], { encoding: "utf8" });
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const w = WORDS[locale];
      // Two columns at the top: the sender on the writing side, place and date then the recipient opposite.
      const sender = [w.city, w.service, w.address];
      const opposite = [blocks.placeAndDate, w.name, "fatima@example.ma"];
      const body = [blocks.object, blocks.reference, blocks.body[0], w.answer, blocks.body.at(-1)!, `${w.first} ${w.last}`, w.title, w.service, w.city];
      const footer = [w.address, "7K2Q-M9XD-4T1B", "https://reclamations.example/letters/7K2Q-M9XD-4T1B"];
      const check = locale === "ar" ? expectArabicInOrder : expectInOrder;
      check(text, sender);
      check(text, opposite);
      check(text, [...opposite.slice(-1), ...body, ...footer]);
    });
  }

  it("ar: right to left, in logical order, numbers and phone left to right inside", async () => {
    const { text } = await render("ar");
    // The phone reads as written, not reversed group by group.
    expect(text).toContain("+212 539 96 00 00");
    // Joined words are extracted as their letters, in their order (not presentation forms).
    expect(text).toContain("تم إفراغ الحاوية يوم");
    expect(text).toContain("وسيتم تعزيز وتيرة الجمع في الحي");
    expect(text).toContain("1234");
    expect(text).not.toMatch(/[\ufb50-\ufdff\ufe70-\ufeff]/);
  });
});
