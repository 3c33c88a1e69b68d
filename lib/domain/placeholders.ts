/**
 * A response template's blanks: `[date]`, `[adresse]`… — words in square brackets the agent must
 * replace before the answer goes to the citizen. One rule, used by the answer form (a warning as
 * the agent types) and the answer's schema (a refusal), so a blank never reaches a citizen.
 */
const BLANK = /\[[^[\]\n]{1,40}\]/g;

/** The blanks still in `text`, each once, in the order they appear. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set(text.match(BLANK) ?? [])];
}
