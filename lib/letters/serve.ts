/** How a stored letter is sent back: a PDF download, by the one file response of the platform. */
import type { ServedLetter } from "@/lib/dal/letters";
import { fileResponse } from "@/lib/files/serve";

export function letterResponse(letter: ServedLetter, cacheControl: string): Response {
  return fileResponse({ bytes: letter.bytes, mimeType: "application/pdf", name: letter.name, kind: "document" }, cacheControl);
}
