/**
 * The Content-Disposition of an export. Its name is made only of words the route has already
 * validated (a parsed day or month, a dimension from its list, a fixed word), never of raw query
 * input; each is still reduced to ASCII letters, digits and dashes, so a word that slipped through
 * unvalidated cannot end the quoted name, add a parameter or carry a path. RFC 6266: the ASCII
 * `filename` and the same name as `filename*`.
 */
import { contentDisposition } from "@/lib/files/serve";

export function exportFileName(words: readonly (string | null | undefined)[], extension: "csv"): string {
  const safe = words
    .filter((word): word is string => typeof word === "string" && word !== "")
    .map((word) =>
      word
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .replace(/[^A-Za-z0-9-]+/g, "_")
        .slice(0, 40),
    );
  return `${safe.join("-") || "export"}.${extension}`;
}

export function exportDisposition(words: readonly (string | null | undefined)[], extension: "csv"): string {
  return contentDisposition("attachment", exportFileName(words, extension));
}
