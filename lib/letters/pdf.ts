/**
 * A letter on A4, in the administration's standard layout: the sender with the city's logo at the
 * top of the writing side, place and date then the recipient opposite, the object and reference,
 * the body, the signature block, and on every page a footer with the sender's contact and the
 * verification code beside its QR code. Arabic letters are mirrored (the writing side is the right)
 * and set right to left with joined letters (lib/letters/lines); the fonts are Noto Sans and Noto
 * Naskh Arabic, shipped by npm (@fontsource), embedded as subsets. Server only.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { LetterBlocks } from "@/lib/domain/letters";
import { setParagraph, type FontRole, type Line } from "./lines";
import { woffToSfnt } from "./woff";

type Weight = "regular" | "bold";

const FONT_FILES: Record<FontRole, Record<Weight, string>> = {
  latin: {
    regular: "@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff",
    bold: "@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff",
  },
  arabic: {
    regular: "@fontsource/amiri/files/amiri-arabic-400-normal.woff",
    bold: "@fontsource/amiri/files/amiri-arabic-700-normal.woff",
  },
};

/**
 * The fonts, read and parsed once per process (resolved from the project, wherever the server's
 * bundle runs): parsing Amiri's shaping tables is the costly part of a letter, not drawing it.
 */
function fonts(): Record<string, fontkit.Font> {
  const holder = globalThis as { __letterFonts?: Record<string, fontkit.Font> };
  if (!holder.__letterFonts) {
    const resolve = createRequire(path.join(process.cwd(), "package.json")).resolve;
    const loaded: Record<string, fontkit.Font> = {};
    for (const [role, weights] of Object.entries(FONT_FILES))
      for (const [weight, file] of Object.entries(weights))
        loaded[`${role}-${weight}`] = fontkit.create(woffToSfnt(readFileSync(resolve(file)))) as fontkit.Font;
    holder.__letterFonts = loaded;
  }
  return holder.__letterFonts;
}

export type LetterPage = {
  blocks: LetterBlocks;
  /** The letter's language, for the PDF's metadata. */
  locale: string;
  title: string;
  author: string;
  issuedAt: Date;
  logoPng: Buffer | null;
  /** What the QR code opens: the verification page. */
  verificationUrl: string;
};

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const FOOTER_TOP = PAGE.height - 92;
const TEXT = "#1a1a1a";
const MUTED = "#555555";

/** Renders a letter to PDF bytes. Deterministic for the same input (its dates are the letter's own). */
export async function renderLetterPdf(letter: LetterPage): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    lang: letter.locale,
    displayTitle: true,
    info: { Title: letter.title, Author: letter.author, Creator: "e-reclamations", Producer: "e-reclamations", CreationDate: letter.issuedAt },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  // pdfkit takes a parsed font as it takes its bytes (its types name only the bytes).
  for (const [name, font] of Object.entries(fonts())) doc.registerFont(name, font as unknown as Buffer);
  const { blocks } = letter;
  const rtl = blocks.direction === "rtl";
  const writer = new Writer(doc, blocks.direction);
  doc.addPage({ size: "A4", margin: 0 });

  // Top of the writing side: the logo, then the sender.
  const senderWidth = 250;
  const writingX = rtl ? PAGE.width - MARGIN - senderWidth : MARGIN;
  let y = MARGIN;
  if (letter.logoPng) {
    const logoBox = 64;
    doc.image(letter.logoPng, rtl ? PAGE.width - MARGIN - logoBox : MARGIN, y, rtl ? { fit: [logoBox, logoBox], align: "right" } : { fit: [logoBox, logoBox] });
    y += logoBox + 8;
  }
  y = writer.block(blocks.sender.slice(0, 1), { x: writingX, y, width: senderWidth, size: 12, weight: "bold" });
  y = writer.block(blocks.sender.slice(1), { x: writingX, y, width: senderWidth, size: 9, color: MUTED });

  // Opposite: place and date, then the recipient.
  const otherWidth = 220;
  const otherX = rtl ? MARGIN : PAGE.width - MARGIN - otherWidth;
  let yOther = writer.block([blocks.placeAndDate], { x: otherX, y: MARGIN + 8, width: otherWidth, size: 10 });
  yOther = writer.block(blocks.recipient, { x: otherX, y: Math.max(yOther + 36, MARGIN + 110), width: otherWidth, size: 10.5 });

  // Object and reference, then the body, across the page.
  const fullWidth = PAGE.width - 2 * MARGIN;
  y = Math.max(y, yOther) + 30;
  y = writer.block([blocks.object], { x: MARGIN, y, width: fullWidth, size: 11, weight: "bold" });
  y = writer.block([blocks.reference], { x: MARGIN, y: y + 2, width: fullWidth, size: 10, color: MUTED });
  y += 18;
  for (const paragraph of blocks.body) y = writer.block([paragraph], { x: MARGIN, y, width: fullWidth, size: 10.5, after: 7 });

  // The signature, on the far side under the body (it does not start a page alone: it keeps with the last lines).
  const signatureWidth = 220;
  const signatureX = rtl ? MARGIN : PAGE.width - MARGIN - signatureWidth;
  const signatureHeight = blocks.signature.length * 15 + 20;
  if (y + signatureHeight > FOOTER_TOP - 12) {
    doc.addPage({ size: "A4", margin: 0 });
    y = MARGIN;
  }
  writer.block(blocks.signature.slice(0, 1), { x: signatureX, y: y + 18, width: signatureWidth, size: 10.5, weight: "bold", align: "center" });
  writer.block(blocks.signature.slice(1), { x: signatureX, y: y + 34, width: signatureWidth, size: 10, align: "center" });

  // Every page's footer: the sender's contact, the verification code and its QR code, the page number.
  const qr = QRCode.create(letter.verificationUrl, { errorCorrectionLevel: "M" });
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    doc
      .moveTo(MARGIN, FOOTER_TOP)
      .lineTo(PAGE.width - MARGIN, FOOTER_TOP)
      .lineWidth(0.5)
      .strokeColor("#999999")
      .stroke();
    const qrSize = 56;
    const qrX = rtl ? MARGIN : PAGE.width - MARGIN - qrSize;
    drawQr(doc, qr.modules, qrX, FOOTER_TOP + 10, qrSize);
    const textWidth = fullWidth - qrSize - 16;
    const textX = rtl ? MARGIN + qrSize + 16 : MARGIN;
    let yf = writer.block(blocks.footer, { x: textX, y: FOOTER_TOP + 8, width: textWidth, size: 7.5, color: MUTED, after: 0 });
    yf = writer.block(blocks.verification, { x: textX, y: yf + 3, width: textWidth, size: 7.5, color: TEXT, after: 0 });
    if (range.count > 1)
      writer.block([`${index - range.start + 1} / ${range.count}`], {
        x: MARGIN,
        y: PAGE.height - 22,
        width: fullWidth,
        size: 7,
        color: MUTED,
        align: "center",
      });
  }
  doc.end();
  return done;
}

/** Draws the QR code's dark modules as squares (vector: sharp at any zoom, no image). */
function drawQr(doc: PDFKit.PDFDocument, modules: { size: number; get(row: number, col: number): number }, x: number, y: number, size: number) {
  const cell = size / modules.size;
  doc.save().fillColor("#000000");
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell + 0.05, cell + 0.05);
  doc.fill().restore();
}

/**
 * The OpenType features each font is set with, the same when measuring and drawing. Amiri's kerning
 * opens gaps that a reader's text extraction takes for spaces inside a word: it is left out.
 */
const FEATURES: Record<FontRole, PDFKit.Mixins.TextOptions["features"]> = { latin: undefined, arabic: { kern: false } as never };

type BlockOptions = { x: number; y: number; width: number; size: number; weight?: Weight; color?: string; align?: "start" | "end" | "center"; after?: number };

/** Sets paragraphs into a box, in the letter's direction, adding pages when the body runs past the footer. */
class Writer {
  /** Widths already measured: a word is measured to fill its line, then to place it. */
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly direction: "ltr" | "rtl",
  ) {}

  /** Writes the paragraphs from `y`; returns the y under them. */
  block(paragraphs: readonly string[], options: BlockOptions): number {
    const { doc } = this;
    const weight = options.weight ?? "regular";
    const lineHeight = options.size * 1.45;
    const measure = (text: string, font: FontRole) => {
      const key = `${font}-${weight}|${options.size}|${text}`;
      let width = this.widths.get(key);
      if (width === undefined)
        this.widths.set(key, (width = doc.font(`${font}-${weight}`).fontSize(options.size).widthOfString(text, { features: FEATURES[font] })));
      return width;
    };
    let y = options.y;
    for (const paragraph of paragraphs) {
      for (const line of setParagraph(paragraph, this.direction, options.width, measure)) {
        if (y + lineHeight > FOOTER_TOP - 8 && options.y < FOOTER_TOP) {
          doc.addPage({ size: "A4", margin: 0 });
          y = MARGIN;
        }
        this.drawLine(line, options, y, weight);
        y += lineHeight;
      }
      y += options.after ?? 2;
    }
    return y;
  }

  private drawLine(line: Line, options: BlockOptions, y: number, weight: Weight) {
    const align = options.align ?? "start";
    const free = options.width - line.width;
    const towardsEnd = (align === "end") !== (this.direction === "rtl");
    const offset = align === "center" ? free / 2 : towardsEnd ? free : 0;
    this.doc.fillColor(options.color ?? TEXT);
    for (const piece of line.pieces) {
      this.doc
        .font(`${piece.font}-${weight}`)
        .fontSize(options.size)
        .text(piece.text, options.x + offset + piece.x, y, { lineBreak: false, features: FEATURES[piece.font] });
    }
  }
}
