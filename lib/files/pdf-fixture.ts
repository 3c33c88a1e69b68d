/** Test fixture: a PDF full of its author's metadata (pdf.test.ts, lib/dal/attachments-pdf.test.ts). */
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from "pdf-lib";

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Fatima Zahra Bennani</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/**
 * A one-page PDF that tells on its author everywhere a PDF can: the Info dictionary, an XMP packet
 * on the catalog and on the page, an application's private data, and an orphan Info dictionary as
 * an earlier revision leaves it. Written without object streams, so its bytes show all of it.
 */
export async function pdfWithMetadata(): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([300, 200]);
  page.drawText("Constat du 12 mars", { x: 20, y: 150, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.context.trailerInfo.Info = doc.context.register(
    doc.context.obj({
      Title: PDFHexString.fromText("Constat — Fatima Zahra Bennani"), // UTF-16, hex: read back by parsing
      Author: PDFString.of("Fatima Zahra Bennani"),
      Subject: PDFString.of("Dossier personnel"),
      Keywords: PDFString.of("CIN AB123456"),
      Creator: PDFString.of("Microsoft Word pour Fatima"),
      Producer: PDFString.of("Acrobat Distiller 11 (Windows)"),
      CreationDate: PDFString.fromDate(new Date("2026-03-12T08:30:00Z")),
    }),
  );
  const xmp = () => doc.context.register(doc.context.stream(XMP, { Type: "Metadata", Subtype: "XML" }));
  doc.catalog.set(PDFName.of("Metadata"), xmp());
  page.node.set(PDFName.of("Metadata"), xmp());
  page.node.set(PDFName.of("PieceInfo"), doc.context.obj({ Word: { Private: PDFString.of("C:\\Users\\fatima\\Documents") } }));
  doc.context.register(doc.context.obj({ Author: PDFString.of("Fatima Zahra Bennani (revision 1)") }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
