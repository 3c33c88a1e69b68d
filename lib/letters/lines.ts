/**
 * Setting a paragraph of a letter into lines, in either direction: words filled up to the width,
 * then each line put in visual order by the Unicode bidirectional algorithm (bidi-js), cut into the
 * pieces one font draws. An Arabic piece is given to the font in its logical order (fontkit joins its
 * letters and lays them right to left); any other piece is given as it is seen, mirrored where the
 * algorithm says (a parenthesis inside Arabic text). Pure: the width of a text comes from `measure`.
 */
import bidiFactory from "bidi-js";

/** The fonts a letter is set in: the Arabic script's, and the Latin one for everything else. */
export type FontRole = "latin" | "arabic";
/** A piece of a line: what one font draws at `x` (from the line's left edge). */
export type Piece = { text: string; font: FontRole; x: number; width: number };
export type Line = { pieces: Piece[]; width: number };
export type Measure = (text: string, font: FontRole) => number;
export type Direction = "ltr" | "rtl";

const bidi = bidiFactory();

/** Arabic letters, signs and presentation forms (and the Arabic comma, semicolon and question mark). */
export function fontOf(codePoint: number): FontRole {
  return (codePoint >= 0x0600 && codePoint <= 0x06ff) ||
    (codePoint >= 0x0750 && codePoint <= 0x077f) ||
    (codePoint >= 0x08a0 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb50 && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfeff)
    ? "arabic"
    : "latin";
}

/** C0 controls and DEL: never drawn (a tab is a space, a newline a new paragraph). */
const isControl = (code: number) => code < 0x20 || code === 0x7f;

/** The directional marks and isolates: they steer the algorithm and are never drawn. */
const BIDI_CONTROL = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The runs of one font in a logical text, for measuring it (a word may mix scripts: "(رقم)"). */
function fontRuns(text: string): { text: string; font: FontRole }[] {
  const runs: { text: string; font: FontRole }[] = [];
  for (const ch of text) {
    if (BIDI_CONTROL.test(ch)) continue;
    const font = fontOf(ch.codePointAt(0)!);
    const last = runs.at(-1);
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs;
}

const widthOf = (text: string, measure: Measure) => fontRuns(text).reduce((sum, run) => sum + measure(run.text, run.font), 0);

/** A word wider than the line (a long link) is cut where it must be. */
function cutToWidth(word: { start: number; end: number }, text: string, maxWidth: number, measure: Measure): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let start = word.start;
  let end = start;
  while (end < word.end) {
    const next = end + (text.codePointAt(end)! > 0xffff ? 2 : 1);
    if (end > start && widthOf(text.slice(start, next), measure) > maxWidth) {
      parts.push({ start, end });
      start = end;
    }
    end = next;
  }
  parts.push({ start, end: word.end });
  return parts;
}

/** The logical ranges [start, end) of the lines of a paragraph (no newline in it) filled up to `maxWidth`. */
function fill(text: string, maxWidth: number, measure: Measure): { start: number; end: number }[] {
  const space = measure(" ", "latin");
  const words: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/[^ ]+/g)) {
    const word = { start: match.index, end: match.index + match[0].length };
    if (widthOf(match[0], measure) > maxWidth) words.push(...cutToWidth(word, text, maxWidth, measure));
    else words.push(word);
  }
  const lines: { start: number; end: number }[] = [];
  let current: { start: number; end: number; width: number } | null = null;
  for (const word of words) {
    const width = widthOf(text.slice(word.start, word.end), measure);
    if (current && current.width + space + width <= maxWidth) {
      current.end = word.end;
      current.width += space + width;
    } else {
      if (current) lines.push(current);
      current = { ...word, width };
    }
  }
  if (current) lines.push(current);
  return lines.map(({ start, end }) => ({ start, end }));
}

/**
 * Sets one paragraph (newlines are paragraph breaks: each gives its own lines; an empty one, an
 * empty line) in lines at most `maxWidth` wide, each in visual order, with its pieces placed.
 */
export function setParagraph(text: string, direction: Direction, maxWidth: number, measure: Measure): Line[] {
  const out: Line[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    const clean = [...paragraph.replace(/[\t\u00a0]/g, " ")].filter((ch) => !isControl(ch.charCodeAt(0))).join("");
    if (clean.trim() === "") {
      out.push({ pieces: [], width: 0 });
      continue;
    }
    const levels = bidi.getEmbeddingLevels(clean, direction);
    for (const range of fill(clean, maxWidth, measure)) out.push(setLine(clean, levels, range, measure));
  }
  return out;
}

type Levels = ReturnType<typeof bidi.getEmbeddingLevels>;

function setLine(text: string, embedding: Levels, range: { start: number; end: number }, measure: Measure): Line {
  const order: number[] = [];
  for (let i = range.start; i < range.end; i++) order.push(i);
  for (const [from, to] of bidi.getReorderSegments(text, embedding, range.start, range.end - 1)) {
    const a = from - range.start;
    const b = to - range.start;
    order.splice(a, b - a + 1, ...order.slice(a, b + 1).reverse());
  }
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels, range.start, range.end - 1);
  const rtl = (i: number) => embedding.levels[i] % 2 === 1;

  // Groups of visual neighbours that one font draws as one text: same font, same direction, logically adjacent.
  type Group = { indices: number[]; font: FontRole; rtl: boolean };
  const groups: (Group | "space")[] = [];
  for (const i of order) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a pair travels with its first
    if (text[i] === " ") {
      groups.push("space");
      continue;
    }
    if (BIDI_CONTROL.test(text[i])) continue;
    const font = fontOf(text.codePointAt(i)!);
    const last = groups.at(-1);
    const step = rtl(i) ? -1 : 1;
    if (last && last !== "space" && last.font === font && last.rtl === rtl(i) && adjacent(text, last.indices.at(-1)!, i, step)) last.indices.push(i);
    else groups.push({ indices: [i], font, rtl: rtl(i) });
  }

  const space = measure(" ", "latin");
  const pieces: Piece[] = [];
  let x = 0;
  for (const group of groups) {
    if (group === "space") {
      // Drawn, not only skipped: a reader copying the text (or pdftotext) gets the space itself.
      pieces.push({ text: " ", font: "latin", x, width: space });
      x += space;
      continue;
    }
    const chars = group.indices.map((i) => mirrored.get(i) ?? charAt(text, i));
    // fontkit lays Arabic right to left itself: it is given the logical order; anything else as seen.
    const pieceText = group.rtl && group.font === "arabic" ? [...chars].reverse().join("") : chars.join("");
    const width = measure(pieceText, group.font);
    pieces.push({ text: pieceText, font: group.font, x, width });
    x += width;
  }
  return { pieces, width: x };
}

function charAt(text: string, i: number): string {
  return String.fromCodePoint(text.codePointAt(i)!);
}

/** Whether logical index `next` follows `previous` in the reading direction (a surrogate pair counts as one). */
function adjacent(text: string, previous: number, next: number, step: 1 | -1): boolean {
  if (step === 1) return next === previous + (text.codePointAt(previous)! > 0xffff ? 2 : 1);
  return previous === next + (text.codePointAt(next)! > 0xffff ? 2 : 1);
}
