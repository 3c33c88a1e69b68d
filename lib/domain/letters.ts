/**
 * The administration's letters, as words: what each block of the standard layout says (Vienne's
 * committee, seed 003) — place and date, sender, recipient, object, reference, body, signature,
 * footer, verification — in the citizen's language, from the facts of an answer or a filing; and
 * the short verification code each letter carries. Pure; lib/letters sets it on an A4 page.
 */
import { randomInt } from "node:crypto";
import type { Locale } from "@/lib/i18n/config";

export type LetterKind = "answer" | "acknowledgement";

/** What a letter is made from: read once by lib/dal/letters when it is issued. */
export type LetterFacts = {
  kind: LetterKind;
  locale: Locale;
  issuedAt: Date;
  timeZone: string;
  city: { name: string; postalAddress: string | null; phone: string | null; openingHours: string | null };
  serviceName: string;
  /** As the citizen gave them; null when anonymous or erased. */
  recipient: { name: string | null; email: string | null; phone: string | null };
  requestKind: "complaint" | "request";
  typeName: string;
  publicNumber: number;
  submittedAt: Date;
  /** An answer's: its outcome, text, reorientation and signature. */
  answer?: {
    outcome: "upheld" | "rejected" | "reoriented";
    text: string;
    reorientedTo: string | null;
    signature: { firstName: string; lastName: string; title: string | null } | null;
  };
  /** An acknowledgement's: the due dates, what silence will mean, and the type's own paragraph. */
  acknowledgement?: { responseDueAt: Date; silenceRule: "none" | "rejection" | "acceptance"; paragraph: string | null };
  verification: { code: string; url: string };
};

/** The blocks of a letter, in reading order, each a list of paragraphs. */
export type LetterBlocks = {
  direction: "ltr" | "rtl";
  placeAndDate: string;
  sender: string[];
  recipient: string[];
  object: string;
  reference: string;
  body: string[];
  signature: string[];
  footer: string[];
  verification: string[];
};

type Translate = (key: string, values?: Record<string, string | number>) => string;

const INTL_LOCALE: Record<Locale, string> = { fr: "fr-FR", ar: "ar-MA", en: "en-GB" };

export function letterDate(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: "numeric", month: "long", year: "numeric", timeZone }).format(date);
}

/** The object line: what the letter is about. */
export function letterObject(facts: Pick<LetterFacts, "kind" | "requestKind" | "typeName">, t: Translate): string {
  return t(`letters.object.${facts.kind}.${facts.requestKind}`, { type: facts.typeName });
}

/** The words of each block of the letter. */
export function letterBlocks(facts: LetterFacts, t: Translate): LetterBlocks {
  const date = (d: Date) => letterDate(d, facts.locale, facts.timeZone);
  // A phone number, an address or a code reads left to right inside Arabic text too (an isolate).
  const ltr = (value: string) => (facts.locale === "ar" ? `\u2066${value}\u2069` : value);
  const { city } = facts;
  const contact = [
    city.postalAddress,
    city.phone && t("letters.phone", { phone: ltr(city.phone) }),
    city.openingHours && t("letters.hours", { hours: city.openingHours }),
  ];
  const present = (lines: (string | null | undefined | false)[]) => lines.filter((line): line is string => typeof line === "string" && line.trim() !== "");
  const body: string[] = [t("letters.salutation")];
  let signature: string[];
  if (facts.kind === "answer" && facts.answer) {
    const { answer } = facts;
    body.push(t(`letters.answer.intro.${facts.requestKind}`, { date: date(facts.submittedAt) }));
    body.push(t(`letters.answer.outcome.${answer.outcome}`));
    body.push(answer.text);
    if (answer.outcome === "reoriented" && answer.reorientedTo) body.push(t("letters.answer.reoriented_to", { to: answer.reorientedTo }));
    const signer = answer.signature;
    signature = present([signer ? `${signer.firstName} ${signer.lastName}`.trim() : null, signer?.title, facts.serviceName, city.name]);
  } else {
    const ack = facts.acknowledgement;
    body.push(t(`letters.acknowledgement.received.${facts.requestKind}`, { date: date(facts.submittedAt), service: facts.serviceName }));
    if (ack) {
      body.push(t("letters.acknowledgement.due", { date: date(ack.responseDueAt) }));
      if (ack.silenceRule !== "none") body.push(t(`letters.acknowledgement.silence.${ack.silenceRule}`, { date: date(ack.responseDueAt) }));
      if (ack.paragraph) body.push(ack.paragraph);
    }
    signature = present([facts.serviceName, city.name]);
  }
  body.push(t("letters.closing"));
  return {
    direction: facts.locale === "ar" ? "rtl" : "ltr",
    placeAndDate: t("letters.place_and_date", { place: city.name, date: date(facts.issuedAt) }),
    sender: present([city.name, facts.serviceName, ...contact]),
    recipient: present([
      facts.recipient.name ?? t("letters.recipient_anonymous"),
      facts.recipient.email && ltr(facts.recipient.email),
      facts.recipient.phone && ltr(facts.recipient.phone),
    ]),
    object: t("letters.object_line", { object: letterObject(facts, t) }),
    reference: t("letters.reference", { number: facts.publicNumber, date: date(facts.submittedAt) }),
    body,
    signature,
    footer: present([[city.name, facts.serviceName].join(" — "), ...contact]),
    verification: [t("letters.verification", { code: ltr(facts.verification.code) }), ltr(facts.verification.url)],
  };
}

// --- Verification codes ----------------------------------------------------------------------------

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** A new code, 60 random bits in three groups of four (`7K2Q-M9XD-4T1B`): never guessed, short to type. */
export function newLetterCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

/** A code as typed (any case, spaces or dashes, O for 0, I or L for 1) in its one written form; null when it cannot be one. */
export function parseLetterCode(input: string): string | null {
  const bare = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (bare.length !== GROUPS * GROUP_LENGTH || [...bare].some((ch) => !ALPHABET.includes(ch))) return null;
  return bare.match(new RegExp(`.{${GROUP_LENGTH}}`, "g"))!.join("-");
}

/** The letter's file name, in the citizen's language's words but ASCII-safe. */
export function letterFileName(kind: LetterKind, publicNumber: number, code: string): string {
  return `${kind === "answer" ? "reponse" : "accuse-reception"}-${publicNumber}-${code}.pdf`;
}
