/**
 * A PDF rewritten without what it says about its author: the Info dictionary (Author, Creator,
 * Producer, Title, dates…), every XMP packet (`/Metadata` on the catalog, pages, images, fonts),
 * applications' private data (`/PieceInfo`), the file identifiers, the author of every markup
 * annotation (a comment's `/T`; a form field's `/T` is its name and stays) and every embedded file
 * (`/EmbeddedFiles`, `/EF`, `/AF`: a PDF can carry the author's other documents). The document is walked from
 * its catalog and only what it reaches is written, so an Info dictionary or an XMP packet left by
 * an earlier revision (incremental saves) is dropped too. What the PDF shows is untouched.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from "pdf-lib";
import { AppError } from "@/lib/errors";

const METADATA_KEYS = [PDFName.of("Metadata"), PDFName.of("PieceInfo"), PDFName.of("EmbeddedFiles"), PDFName.of("EF"), PDFName.of("AF")];
/** Annotations a person writes (comments, highlights, stamps…): their `/T` names who wrote them. */
const MARKUP_SUBTYPES = new Set(
  [
    "Text",
    "FreeText",
    "Line",
    "Square",
    "Circle",
    "Polygon",
    "PolyLine",
    "Highlight",
    "Underline",
    "Squiggly",
    "StrikeOut",
    "Stamp",
    "Caret",
    "Ink",
    "FileAttachment",
    "Sound",
    "Redact",
  ].map((n) => PDFName.of(n)),
);

export async function pdfWithoutMetadata(bytes: Uint8Array): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    // updateMetadata: false, or pdf-lib writes its own Producer and dates.
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch (cause) {
    throw new AppError("report.errors.file_corrupt", undefined, { cause });
  }
  // An encrypted PDF cannot be rewritten (its streams stay encrypted): the citizen is asked for one without protection.
  if (doc.isEncrypted) throw new AppError("report.errors.file_protected");
  const { context } = doc;
  context.trailerInfo.Info = undefined;
  context.trailerInfo.ID = undefined;
  const reached = new Set<string>();
  const visit = (object: PDFObject | undefined): void => {
    if (object instanceof PDFRef) {
      if (reached.has(object.tag)) return;
      reached.add(object.tag);
      visit(context.lookup(object));
      return;
    }
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    if (dict) {
      for (const key of METADATA_KEYS) dict.delete(key);
      const subtype = dict.get(PDFName.of("Subtype"));
      if (subtype instanceof PDFName && MARKUP_SUBTYPES.has(subtype)) dict.delete(PDFName.of("T"));
      for (const [, value] of dict.entries()) visit(value);
    } else if (object instanceof PDFArray) {
      for (const value of object.asArray()) visit(value);
    }
  };
  visit(context.trailerInfo.Root);
  if (!(context.trailerInfo.Root instanceof PDFRef) || !(context.lookup(context.trailerInfo.Root) instanceof PDFDict)) {
    throw new AppError("report.errors.file_corrupt");
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.tag)) context.delete(ref);
  try {
    return Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
  } catch (cause) {
    throw new AppError("report.errors.file_corrupt", undefined, { cause });
  }
}
