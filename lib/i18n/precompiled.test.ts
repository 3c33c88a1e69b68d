/**
 * The app's build compiles the messages (next.config.ts: next-intl's `precompile`, icu-minify), and
 * its pages and server format the compiled form; outside Next.js (these tests, the tick's worker)
 * the same files are parsed by intl-messageformat. Both must say the same thing: every message of
 * every language, with its arguments filled in, its plurals at the numbers where languages differ
 * (Arabic has six forms) and its tags, reads the same through both.
 */
import compile from "icu-minify/compile";
import format from "icu-minify/format";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { locales } from "./config";
import { messagePaths, messages } from "./messages";

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }>; children?: Node[] };
// intl-messageformat's AST: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 8 tag.
const ARGUMENT = 1;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

/** The arguments a message takes, each with the values to try. */
function argumentsOf(nodes: Node[], into = new Map<string, unknown[]>()): Map<string, unknown[]> {
  for (const node of nodes) {
    if (node.type === ARGUMENT) into.set(node.value!, ["«valeur»"]);
    if (node.type === NUMBER) into.set(node.value!, [3]);
    if (node.type === PLURAL) into.set(node.value!, [0, 1, 2, 3, 11, 100, 101]);
    if (node.type === SELECT) into.set(node.value!, Object.keys(node.options ?? {}));
    if (node.type === TAG) into.set(node.value!, [(chunks: unknown[]) => `<${node.value}>${chunks.join("")}</${node.value}>`]);
    for (const option of Object.values(node.options ?? {})) argumentsOf(option.value, into);
    if (node.children) argumentsOf(node.children, into);
  }
  return into;
}

/** Every combination of the values to try (a message has at most a few arguments). */
function combinations(args: Map<string, unknown[]>): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [name, values] of args) out = out.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  return out;
}

const text = (out: unknown) => (Array.isArray(out) ? out.join("") : String(out));
const formatters = {
  getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
  getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
  getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
};

describe("messages compiled at build time", () => {
  it.each(locales)("read in %s as the parser reads them, message by message", (locale) => {
    const differences: string[] = [];
    let checked = 0;
    for (const [key, message] of Object.entries(messagePaths(messages[locale]))) {
      const parsed = new IntlMessageFormat(message, locale);
      const compiled = compile(message);
      for (const values of combinations(argumentsOf(parsed.getAst() as Node[]))) {
        const expected = text(parsed.format(values as never));
        const actual = text(format(compiled, locale, values as never, { formatters }));
        checked++;
        if (actual !== expected) differences.push(`${key} ${JSON.stringify(values)}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(differences).toEqual([]);
  });
});
