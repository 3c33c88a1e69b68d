/** A text's first words, on one line, cut at a word with an ellipsis (cards, popups, lists). Pure. */
export function excerptOf(text: string, length = 140): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= length) return line;
  const cut = line.slice(0, length);
  const space = cut.lastIndexOf(" ");
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
