import { PDFDict, PDFDocument, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { pdfWithoutMetadata } from "./pdf";
import { pdfWithMetadata } from "./pdf-fixture";
import { processUpload } from "./process";

const TELLS = ["Fatima", "Acrobat", "Microsoft", "CIN AB", "xmpmeta", "/Author", "/Producer", "/Creator", "/CreationDate", "/PieceInfo", "/Metadata"];

describe("pdfWithoutMetadata", () => {
  it("drops the author of comments and every embedded file, and keeps form fields' names", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 200]);
    const comment = doc.context.obj({
      Type: "Annot",
      Subtype: "Text",
      Rect: [10, 10, 30, 30],
      T: PDFString.of("Fatima Zahra Bennani"),
      Contents: PDFString.of("vu"),
    });
    const field = doc.context.obj({ Type: "Annot", Subtype: "Widget", FT: "Tx", Rect: [40, 10, 120, 30], T: PDFString.of("champ-adresse") });
    page.node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(comment), doc.context.register(field)]));
    await doc.attach(Buffer.from("CIN AB123456 — pièce jointe cachée"), "cin.txt", { mimeType: "text/plain" });
    const original = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(original.toString("latin1")).toContain("Fatima Zahra Bennani");
    expect(original.toString("latin1")).toContain("/EmbeddedFiles");

    const cleaned = (await pdfWithoutMetadata(original)).toString("latin1");
    expect(cleaned).not.toContain("Fatima Zahra Bennani");
    expect(cleaned).not.toContain("/EmbeddedFiles");
    expect(cleaned).not.toContain("cin.txt");
    expect(cleaned).not.toContain("/EF");
    expect(cleaned).toContain("champ-adresse");
    expect((await PDFDocument.load(Buffer.from(cleaned, "latin1"))).getPageCount()).toBe(1);
  });

  it("drops the Info dictionary, every XMP packet and private data, and keeps the pages", async () => {
    const original = await pdfWithMetadata();
    const latin1 = original.toString("latin1");
    for (const tell of TELLS) expect(latin1, tell).toContain(tell); // the fixture really tells

    const cleaned = await pdfWithoutMetadata(original);
    const text = cleaned.toString("latin1");
    for (const tell of TELLS) expect(text, tell).not.toContain(tell);

    const before = await PDFDocument.load(original, { updateMetadata: false });
    expect([before.getAuthor(), before.getTitle()]).toEqual(["Fatima Zahra Bennani", "Constat — Fatima Zahra Bennani"]);
    const parsed = await PDFDocument.load(cleaned, { updateMetadata: false });
    expect(parsed.getPageCount()).toBe(1);
    expect(parsed.getPage(0).getSize()).toEqual({ width: 300, height: 200 });
    expect([parsed.getAuthor(), parsed.getTitle(), parsed.getCreator(), parsed.getProducer(), parsed.getCreationDate()]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(parsed.catalog.get(PDFName.of("Metadata"))).toBeUndefined();
    for (const [, object] of parsed.context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFDict ? object : "dict" in object ? (object as { dict: PDFDict }).dict : null;
      expect(dict?.get(PDFName.of("Metadata"))).toBeUndefined();
      expect(dict?.get(PDFName.of("Author"))).toBeUndefined();
    }
    // The page's drawing is what it was (the content stream is carried over as is).
    expect(text).toContain("/Helvetica");
  });

  it("refuses what it cannot rewrite: not a PDF inside, or encrypted", async () => {
    await expect(pdfWithoutMetadata(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"))).rejects.toMatchObject({
      code: "report.errors.file_corrupt",
    });
    const encrypted = (await pdfWithMetadata())
      .toString("latin1")
      .replace("trailer\n<<", "trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>");
    await expect(pdfWithoutMetadata(Buffer.from(encrypted, "latin1"))).rejects.toMatchObject({ code: "report.errors.file_protected" });
  });

  it("is what processUpload gives the public for a PDF", async () => {
    const processed = await processUpload(await pdfWithMetadata());
    expect(processed).toMatchObject({ mimeType: "application/pdf", kind: "document", width: null });
    expect(processed.display.toString("latin1")).not.toContain("Fatima");
  });
});
