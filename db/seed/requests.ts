/**
 * Demo requests of the request types (db/seed/request-types.ts): each type in every state of the
 * lifecycle, with answers to its own fields that its form's schema accepts (the seed checks them
 * with `fieldAnswersSchema`, as a filing would), files for some school-catering proofs, and no place
 * for types without a location. Deterministic: its own seeded random source, after the complaints.
 */
import type { NewReport } from "@/db/schema";
import { computeDeadlines, type WorkCalendar } from "@/lib/domain/deadlines";
import { type FieldAnswers, type FieldDefinition, fieldAnswersSchema, fieldInputName, fileTokensOf } from "@/lib/domain/request-fields";
import { DAY_MS, HOUR_MS } from "@/lib/domain/time";
import { generateTrackingNumber } from "@/lib/domain/tracking-number";
import { REPORT_STATUSES, type ReportStatusName } from "@/lib/domain/types";
import type { DemoEvent } from "./reports";

export type SeedRequestType = {
  id: number;
  code: string;
  serviceId: number;
  location: "required" | "optional" | "none";
  triageHours: number;
  responseDays: number;
  responseDayCount: "calendar" | "working";
  formVersion: number;
  fields: FieldDefinition[];
};

/** A file given as a field's answer: its row in attachments, and the bytes stored under its key. */
export type DemoFieldFile = {
  id: string;
  reportId: string;
  fieldCode: string;
  claimToken: string;
  kind: "document";
  mimeType: "application/pdf";
  storageKey: string;
  originalName: string;
  sizeBytes: number;
  createdAt: Date;
  bytes: Buffer;
};

export type DemoRequestsOptions = {
  now: Date;
  random: () => number;
  types: SeedRequestType[];
  districts: { id: number; centerLat: number; centerLng: number }[];
  calendar: WorkCalendar;
  prefix: string;
  /** Tracking numbers already given (to the complaints): never twice. */
  usedNumbers: Set<string>;
  coordinatorId: string;
  agentByService: Record<number, string>;
};

/** How long ago a request in each state was filed (days): old enough for its state, within its deadline mostly. */
const AGE_DAYS: Record<ReportStatusName, number> = {
  submitted: 0.5,
  routed: 4,
  in_progress: 9,
  needs_info: 12,
  answered: 20,
  closed: 45,
  duplicate: 6,
  inadmissible: 3,
};

const CITIZENS = [
  { name: "Nadia Bakkali", email: "nadia.bakkali@example.org", phone: "+212 661 234 501", locale: "fr" },
  { name: "Hassan Ouazzani", email: "hassan.ouazzani@example.org", phone: null, locale: "ar" },
  { name: "Sara Temsamani", email: "sara.temsamani@example.org", phone: "+212 662 345 602", locale: "en" },
  { name: "Rachid El Khatib", email: null, phone: "+212 663 456 703", locale: "fr" },
  { name: "Zineb Lamrani", email: "zineb.lamrani@example.org", phone: "+212 664 567 804", locale: "ar" },
  { name: "Mehdi Chaoui", email: "mehdi.chaoui@example.org", phone: null, locale: "fr" },
];

const CHILDREN = [
  ["Yasmine", "Bakkali"],
  ["Ilyas", "Ouazzani"],
  ["Aya", "Temsamani"],
  ["Adam", "El Khatib"],
  ["Rim", "Lamrani"],
  ["Othmane", "Chaoui"],
  ["Hiba", "Sefrioui"],
  ["Ayoub", "Touimi"],
];

const QUESTIONS: [string, string][] = [
  ["Horaires de l'état civil", "Quels sont les horaires d'ouverture du bureau d'état civil pendant le mois de Ramadan ?"],
  ["Légalisation de signature", "Peut-on faire légaliser une signature dans n'importe quelle annexe administrative ou seulement celle de son quartier ?"],
  ["Marché hebdomadaire", "Le marché du dimanche est-il maintenu pendant les travaux de l'avenue ?"],
  ["Salle municipale", "Comment réserver une salle municipale pour une réunion d'association ?"],
  ["Permis de construire", "Quels documents faut-il fournir pour agrandir une maison d'un étage ?"],
  ["Certificat de résidence", "Combien de temps faut-il pour obtenir un certificat de résidence ?"],
  ["Taxe d'habitation", "Où payer la taxe d'habitation et peut-on la payer en ligne ?"],
  ["Inscription sur les listes", "Comment m'inscrire sur les listes électorales après un déménagement ?"],
];

const POLICE_FACTS = [
  "Un voisin fait fonctionner un groupe électrogène toute la nuit, le bruit empêche les enfants de dormir.",
  "Des véhicules stationnent chaque soir sur le trottoir devant l'école, les poussettes doivent passer sur la chaussée.",
  "Un commerce déborde avec ses étals sur toute la largeur du trottoir malgré plusieurs avertissements.",
  "Des jeunes font des rodéos en moto dans la rue chaque vendredi soir.",
  "Un chantier démarre à 6 h du matin, bien avant l'heure autorisée.",
  "Des dépôts sauvages sont faits la nuit derrière le marché, toujours par la même camionnette.",
  "Une terrasse de café a été agrandie sans autorisation et bloque l'accès des pompiers.",
  "Des affiches sont collées sur la façade de l'immeuble chaque semaine.",
];

const MESSAGES: Record<string, string[]> = {
  "aide-restauration-scolaire": ["Mes revenus ont baissé depuis cette année, je joins mon attestation.", "Deuxième enfant scolarisé dans la même école.", ""],
  "bibliotheque-inscription": ["Je souhaite aussi emprunter des livres pour ma mère.", ""],
  "police-municipale-plainte": ["Je préfère ne pas être nommé auprès du voisin.", ""],
  "question-generale": [""],
};

const ANSWERS: Record<string, Record<"upheld" | "rejected" | "reoriented", string>> = {
  "aide-restauration-scolaire": {
    upheld: "Votre demande est acceptée : le tarif réduit s'applique dès le mois prochain à la cantine de l'école.",
    rejected: "Votre quotient familial dépasse le plafond de l'aide ; le tarif normal reste applicable.",
    reoriented: "Cette école relève de l'académie régionale : adressez votre demande à son service social.",
  },
  "bibliotheque-inscription": {
    upheld: "Votre carte de lecteur est prête : venez la retirer à l'accueil de la bibliothèque avec une pièce d'identité.",
    rejected: "L'inscription suppose d'accepter le règlement de la bibliothèque ; vous pouvez refaire la demande.",
    reoriented: "Ce fonds est celui de la bibliothèque universitaire, à laquelle vous pouvez vous inscrire directement.",
  },
  "police-municipale-plainte": {
    upheld: "Une patrouille s'est rendue sur place et a verbalisé le contrevenant. Merci de votre signalement.",
    rejected: "Les contrôles effectués n'ont pas permis de constater les faits signalés.",
    reoriented: "Ces faits relèvent de la police nationale : adressez-vous au commissariat le plus proche ou appelez le 19.",
  },
  "question-generale": {
    upheld: "Le bureau d'état civil est ouvert de 9 h à 15 h du lundi au vendredi ; les annexes administratives suivent les mêmes horaires.",
    rejected: "Cette démarche n'existe pas à la commune ; le formulaire demandé n'est plus en vigueur.",
    reoriented: "Cette question relève de la préfecture : son bureau d'accueil vous renseignera.",
  },
};

const INFO_REQUEST: Record<string, string> = {
  "aide-restauration-scolaire": "Pouvez-vous joindre votre dernier avis d'imposition ou une attestation de revenus ?",
  "bibliotheque-inscription": "Pouvez-vous confirmer votre date de naissance ? Elle ne correspond pas à celle de votre ancienne carte.",
  "police-municipale-plainte": "Pouvez-vous préciser l'heure à laquelle les faits se produisent et l'adresse exacte ?",
  "question-generale": "Pouvez-vous préciser le quartier concerné par votre question ?",
};

/** A small, valid one-page PDF: what a scanned proof of income would be, for the demo. */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, "");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    null,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export function generateDemoRequests(options: DemoRequestsOptions) {
  const { random, now, calendar } = options;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (min: number, max: number) => min + random() * (max - min);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  const uuid = () => {
    const s = `${hex(12)}4${hex(3)}${"89ab"[Math.floor(random() * 4)]}${hex(15)}`;
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));

  const reports: (NewReport & { id: string })[] = [];
  const reportCategories: { reportId: string; categoryId: number; position: number }[] = [];
  const events: DemoEvent[] = [];
  const files: DemoFieldFile[] = [];
  let n = 0;

  for (const type of options.types) {
    let original: string | null = null;
    REPORT_STATUSES.forEach((status, index) => {
      const id = uuid();
      const citizen = CITIZENS[(n + index) % CITIZENS.length];
      const submittedAt = new Date(Math.floor((now.getTime() - (AGE_DAYS[status] + between(0, 0.4)) * DAY_MS) / 1000) * 1000);
      const due = computeDeadlines({ submittedAt, triageHours: type.triageHours, responseDays: type.responseDays, dayCount: type.responseDayCount, calendar });
      const agentId = options.agentByService[type.serviceId] ?? null;
      const channel = index === 2 ? "counter" : index === 5 ? "phone" : "web";
      let trackingNumber: string;
      do trackingNumber = generateTrackingNumber(options.prefix, bytes);
      while (options.usedNumbers.has(trackingNumber));
      options.usedNumbers.add(trackingNumber);

      // The answers, as the form would post them, checked by the type's own schema.
      const posted: Record<string, unknown> = {};
      const answer = (code: string, value: unknown) => {
        posted[fieldInputName(code)] = value;
      };
      const proofs: { token: string; id: string; name: string }[] = [];
      if (type.code === "aide-restauration-scolaire") {
        const [first, last] = CHILDREN[index % CHILDREN.length];
        answer("child_first_name", first);
        answer("child_last_name", last);
        answer("school", type.fields.find((f) => f.code === "school")!.choices![index % 4].value);
        answer("family_quotient", String(200 + ((index * 370) % 2400)));
        // Some give one or two proofs, others leave the optional proof out.
        const count = index % 3 === 0 ? 0 : index % 3 === 1 ? 1 : 2;
        for (let f = 0; f < count; f++)
          proofs.push({ token: `demo-proof-${hex(24)}`, id: uuid(), name: f === 0 ? "attestation-revenus.pdf" : "avis-imposition.pdf" });
        if (proofs.length > 0)
          answer(
            "income_proof",
            proofs.map((p) => p.token),
          );
      } else if (type.code === "bibliotheque-inscription") {
        // Often a card for someone of the family (a child, a parent): not always the one who files.
        const [first, last] = CHILDREN[(index + 3) % CHILDREN.length];
        answer("reader_name", `${first} ${last}`);
        answer("birth_date", `${1960 + ((index * 7) % 50)}-${String(1 + (index % 12)).padStart(2, "0")}-${String(3 + index * 3).padStart(2, "0")}`);
        answer("reader_email", `lecteur.${index + 1}@example.org`);
        if (index % 4 !== 3)
          answer(
            "reading_preferences",
            ["romans", "bd", "histoire", "jeunesse", "sciences"].filter((_, k) => (k + index) % 3 === 0),
          );
        answer("accepts_rules", status === "inadmissible" ? "no" : "yes");
      } else if (type.code === "police-municipale-plainte") {
        const facts = new Date(submittedAt.getTime() - (1 + index) * DAY_MS).toISOString().slice(0, 10);
        answer("facts_date", facts);
        answer("facts", POLICE_FACTS[index % POLICE_FACTS.length]);
      } else if (type.code === "question-generale") {
        const [subject, question] = QUESTIONS[index % QUESTIONS.length];
        answer("subject", subject);
        answer("question", question);
      }
      const checked = fieldAnswersSchema(type.fields).safeParse(posted);
      if (!checked.success) throw new Error(`[seed] the demo answers of ${type.code} do not pass its form: ${checked.error.message}`);
      const fields: FieldAnswers = { ...checked.data };
      for (const [code, tokens] of fileTokensOf(type.fields, fields)) {
        fields[code] = tokens.map((token) => proofs.find((p) => p.token === token)!.id);
        for (const proof of proofs) {
          const pdf = demoPdf(`Justificatif de revenus - ${citizen.name}`);
          const month = String(submittedAt.getUTCMonth() + 1).padStart(2, "0");
          files.push({
            id: proof.id,
            reportId: id,
            fieldCode: code,
            claimToken: proof.token,
            kind: "document",
            mimeType: "application/pdf",
            storageKey: `${submittedAt.getUTCFullYear()}/${month}/${proof.id}-display.pdf`,
            originalName: proof.name,
            sizeBytes: pdf.length,
            createdAt: submittedAt,
            bytes: pdf,
          });
        }
      }

      // A place only where the type takes one: half the police complaints say where.
      const district = pick(options.districts);
      const placed = type.location === "required" || (type.location === "optional" && index % 2 === 0);
      const messages = MESSAGES[type.code] ?? [""];
      const row: NewReport & { id: string } = {
        id,
        trackingNumber,
        status,
        channel,
        description: messages[index % messages.length],
        lat: placed ? district.centerLat + between(-0.003, 0.003) : null,
        lng: placed ? district.centerLng + between(-0.003, 0.003) : null,
        address: placed ? "Avenue Mohammed V" : null,
        districtId: placed ? district.id : null,
        serviceId: type.serviceId,
        citizenName: citizen.name,
        citizenEmail: citizen.email,
        citizenPhone: citizen.phone,
        isAnonymous: false,
        locale: citizen.locale,
        submittedAt,
        routingDueAt: due.routingDueAt,
        responseDueAt: due.responseDueAt,
        createdByUserId: channel === "web" ? null : options.coordinatorId,
        updatedAt: submittedAt,
        formCategoryId: type.id,
        formVersion: type.formVersion,
        fields,
      };

      const timeline: Omit<DemoEvent, "reportId">[] = [];
      const event = (
        at: Date,
        command: DemoEvent["type"],
        actorRole: string,
        actorUserId: string | null,
        from: DemoEvent["fromStatus"],
        to: DemoEvent["toStatus"],
        message: string | null = null,
      ) => timeline.push({ at, type: command, actorRole, actorUserId, fromStatus: from, toStatus: to, publicMessage: message, internalNote: null, data: null });
      const cap = (d: Date) => new Date(Math.min(d.getTime(), now.getTime() - 60_000));
      event(submittedAt, "submit", channel === "web" ? "citizen" : "coordinator", channel === "web" ? null : options.coordinatorId, null, "submitted");

      if (status === "inadmissible") {
        event(
          cap(new Date(submittedAt.getTime() + between(2, 20) * HOUR_MS)),
          "declare_inadmissible",
          "coordinator",
          options.coordinatorId,
          "submitted",
          "inadmissible",
        );
      } else if (status === "duplicate") {
        row.duplicateOfId = original;
        event(cap(new Date(submittedAt.getTime() + between(2, 20) * HOUR_MS)), "merge", "coordinator", options.coordinatorId, "submitted", "duplicate");
      } else if (status !== "submitted") {
        const routedAt = cap(new Date(submittedAt.getTime() + between(1, type.triageHours * 0.8) * HOUR_MS));
        row.routedAt = routedAt;
        event(routedAt, "route", "coordinator", options.coordinatorId, "submitted", "routed");
        let cursor = routedAt;
        if (status !== "routed") {
          cursor = cap(new Date(routedAt.getTime() + between(2, 24) * HOUR_MS));
          event(cursor, "take", "agent", agentId, "routed", "in_progress");
        }
        if (status === "needs_info") {
          cursor = cap(new Date(cursor.getTime() + between(4, 48) * HOUR_MS));
          row.pausedAt = cursor;
          event(cursor, "ask_information", "agent", agentId, "in_progress", "needs_info", INFO_REQUEST[type.code]);
        }
        if (status === "answered" || status === "closed") {
          const span = Math.min(due.responseDueAt.getTime(), now.getTime() - DAY_MS) - cursor.getTime();
          const answeredAt = cap(new Date(cursor.getTime() + Math.max(HOUR_MS, span * between(0.3, 0.8))));
          const outcome = (["upheld", "rejected", "reoriented"] as const)[(n + index) % 3];
          row.answeredAt = answeredAt;
          row.outcome = outcome;
          row.answer = ANSWERS[type.code][outcome];
          event(answeredAt, "answer", "agent", agentId, "in_progress", "answered", row.answer);
          if (status === "closed") {
            const closedAt = cap(new Date(answeredAt.getTime() + between(1, 5) * DAY_MS));
            row.closedAt = closedAt;
            event(closedAt, "close", "system", null, "answered", "closed");
          }
        }
      }
      row.updatedAt = timeline[timeline.length - 1].at;
      // The duplicate is merged into the type's first request still open (the one submitted, or routed).
      if (original === null && status !== "inadmissible") original = id;

      reports.push(row);
      reportCategories.push({ reportId: id, categoryId: type.id, position: 0 });
      for (const e of timeline) events.push({ ...e, reportId: id });
    });
    n++;
  }
  return { reports, reportCategories, events, files };
}
