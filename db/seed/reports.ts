/**
 * ~300 demo reports spread over Tétouan and the last six months, in every state of the lifecycle,
 * with a timeline consistent with each state. Deterministic: the same seed gives the same city.
 */
import type { NewReport } from "@/db/schema";
import { computeDeadlines, type WorkCalendar } from "@/lib/domain/deadlines";
import { generateTrackingNumber } from "@/lib/domain/tracking-number";
import { DAY_MS, HOUR_MS } from "@/lib/domain/time";
import type { Command } from "@/lib/domain/workflow";

/** A small seeded PRNG (mulberry32): the demo must not change from one start to the next. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SeedCategory = {
  id: number;
  code: string;
  serviceId: number;
  serviceCode: string;
  triageHours: number;
  responseDays: number;
  responseDayCount: "calendar" | "working";
};

type Status = NonNullable<NewReport["status"]>;

export type DemoEvent = {
  reportId: string;
  at: Date;
  type: Command;
  actorUserId: string | null;
  actorRole: string;
  fromStatus: Status | null;
  toStatus: Status | null;
  publicMessage: string | null;
  internalNote: string | null;
  data: Record<string, unknown> | null;
};

const HOUR = HOUR_MS;
const DAY = DAY_MS;

const DESCRIPTIONS: Record<string, string[]> = {
  proprete: [
    "Les ordures n'ont pas été ramassées depuis trois jours, les sacs s'entassent devant l'immeuble et attirent les chats.",
    "Le conteneur au coin de la rue est plein à ras bord et déborde sur le trottoir.",
    "Des gravats ont été déposés la nuit sur le terrain vague à côté de l'école.",
    "Le camion de collecte est passé sans vider les bacs de notre ruelle.",
  ],
  eclairage: [
    "Trois lampadaires sont éteints sur toute la longueur de l'avenue, la rue est plongée dans le noir le soir.",
    "Le lampadaire devant le numéro 14 clignote toute la nuit puis s'éteint.",
    "L'éclairage reste allumé en plein jour depuis une semaine.",
    "Une armoire électrique est ouverte, des câbles sont visibles à hauteur d'enfant.",
  ],
  voirie: [
    "Un grand nid-de-poule s'est formé au milieu de la chaussée, les voitures font des écarts dangereux.",
    "Les dalles du trottoir sont soulevées par les racines, une personne âgée est tombée hier.",
    "La plaque d'égout a disparu, le trou est signalé par une simple branche.",
    "La chaussée s'est affaissée après les pluies devant la pharmacie.",
  ],
  transport: [
    "Le bus de la ligne 5 n'est pas passé ce matin entre 7 h et 8 h, des dizaines d'élèves attendaient.",
    "L'abri de l'arrêt est cassé et les horaires ne sont plus affichés.",
    "Le chauffeur a démarré alors que des passagers descendaient encore.",
    "Le bus de 18 h 30 est systématiquement en retard de plus de 20 minutes.",
  ],
  "espaces-verts": [
    "L'aire de jeux du jardin est dégradée : une balançoire est cassée et présente des arêtes coupantes.",
    "Une grosse branche menace de tomber sur le passage piéton après le vent d'hier.",
    "La pelouse du parc n'est plus arrosée ni tondue, les bancs sont cassés.",
  ],
  securite: [
    "Un café a installé sa terrasse sur tout le trottoir, les piétons doivent marcher sur la route.",
    "Le passage sous le pont est sans éclairage et des agressions y ont eu lieu.",
    "Un chantier occupe la place de stationnement et le trottoir depuis deux mois sans autorisation visible.",
  ],
  eau: [
    "De l'eau coule en continu d'une canalisation sous le trottoir depuis ce matin.",
    "L'égout déborde à chaque averse et l'odeur est insupportable dans toute la rue.",
    "Une bouche d'incendie fuit et forme une grande flaque au carrefour.",
  ],
  hygiene: [
    "Une meute de chiens errants rôde près de l'école le matin, les enfants ont peur.",
    "Un animal mort est sur le bas-côté depuis deux jours.",
    "Présence de rats près des conteneurs du marché.",
  ],
  circulation: [
    "Le feu du carrefour reste au rouge dans les deux sens, la circulation est bloquée aux heures de pointe.",
    "Le panneau stop a été arraché à l'intersection, plusieurs accrochages ont eu lieu.",
    "Des voitures stationnent en double file devant l'entrée de l'hôpital toute la journée.",
  ],
};

const ADDRESSES = [
  "Avenue Mohammed V",
  "Boulevard des FAR",
  "Rue Lucas",
  "Place Hassan II",
  "Avenue Moulay Abbas",
  "Rue Al Qods",
  "Avenue Abdelkhalek Torres",
  "Rue de la Luneta",
  "Avenue Hassan II",
  "Route de Martil",
  "Rue Mohammed Ben Larbi Torres",
  "Boulevard Sidi Mandri",
];

const FIRST_NAMES = [
  "Amina",
  "Mohammed",
  "Fatima",
  "Youssef",
  "Khadija",
  "Omar",
  "Salma",
  "Hamza",
  "Nora",
  "Adil",
  "Imane",
  "Karim",
  "Laila",
  "Anas",
  "Meryem",
  "Said",
];
const LAST_NAMES = ["El Amrani", "Benjelloun", "Bakkali", "Ouazzani", "Temsamani", "Aharrar", "El Khatib", "Bouzid", "Chaoui", "Lamrani", "Sefrioui", "Touimi"];

const ANSWERS: Record<"upheld" | "rejected" | "reoriented", string[]> = {
  upheld: [
    "Votre réclamation est fondée. L'équipe est intervenue et le problème a été réglé. Merci de votre signalement.",
    "Après vérification sur place, nous confirmons le dysfonctionnement. Une intervention a été réalisée et un suivi renforcé est mis en place.",
  ],
  rejected: [
    "Après vérification sur place, aucun dysfonctionnement n'a été constaté à l'adresse indiquée. N'hésitez pas à nous signaler tout nouveau problème.",
    "L'intervention demandée relève d'un entretien programmé qui a eu lieu dans les délais prévus au contrat.",
  ],
  reoriented: [
    "Ce problème ne relève pas de la commune : il concerne le réseau de la société de distribution d'eau et d'électricité, que vous pouvez contacter à son agence ou par téléphone.",
    "Cette voie relève de la direction provinciale de l'équipement, à laquelle nous avons transmis votre signalement ; vous pouvez aussi la contacter directement.",
  ],
};

const INFO_REQUEST = "Pouvez-vous préciser l'adresse exacte ou un repère proche, et joindre une photo si possible ?";

export type DemoReportsOptions = {
  count: number;
  now: Date;
  random: () => number;
  categories: SeedCategory[];
  districts: { id: number; centerLat: number; centerLng: number }[];
  bounds: { minLat: number; minLng: number; maxLat: number; maxLng: number };
  calendar: WorkCalendar;
  prefix: string;
  coordinatorId: string;
  agentByService: Record<number, string>;
};

export function generateDemoReports(options: DemoReportsOptions) {
  const { random, now, calendar } = options;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (min: number, max: number) => min + random() * (max - min);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
    hex[12] = "4";
    hex[16] = "89ab"[Math.floor(random() * 4)];
    const s = hex.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

  const reports: (NewReport & { id: string })[] = [];
  const reportCategories: { reportId: string; categoryId: number; position: number }[] = [];
  const events: DemoEvent[] = [];
  const usedNumbers = new Set<string>();
  const firstOfCategory = new Map<number, string>();

  for (let i = 0; i < options.count; i++) {
    const id = uuid();
    // Recent weeks are busier than old months; the last 2 days always have fresh reports.
    const ageDays = i < Math.ceil(options.count * 0.05) ? between(0, 2) : random() ** 1.4 * 180;
    const submittedAt = new Date(Math.floor((now.getTime() - ageDays * DAY) / 1000) * 1000);
    const main = pick(options.categories);
    const second = random() < 0.2 ? pick(options.categories.filter((c) => c.id !== main.id)) : null;
    const district = pick(options.districts);
    const lat = clamp(district.centerLat + between(-0.006, 0.006), options.bounds.minLat, options.bounds.maxLat);
    const lng = clamp(district.centerLng + between(-0.006, 0.006), options.bounds.minLng, options.bounds.maxLng);
    const channel = random() < 0.78 ? "web" : pick(["phone", "counter", "letter", "email"] as const);
    const anonymous = channel === "web" && random() < 0.15;
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const due = computeDeadlines({ submittedAt, triageHours: main.triageHours, responseDays: main.responseDays, dayCount: main.responseDayCount, calendar });
    const agentId = options.agentByService[main.serviceId] ?? null;

    let trackingNumber: string;
    do trackingNumber = generateTrackingNumber(options.prefix, bytes);
    while (usedNumbers.has(trackingNumber));
    usedNumbers.add(trackingNumber);

    // The state reached, from the report's age and its deadline.
    const overdue = now > due.responseDueAt;
    const r = random();
    let status: Status;
    if (ageDays < 2) status = r < 0.75 ? "submitted" : "routed";
    else if (r < 0.03) status = "inadmissible";
    else if (r < 0.07 && firstOfCategory.has(main.id)) status = "duplicate";
    else if (ageDays < 5 && r < 0.3)
      status = "submitted"; // triage running late
    else if (!overdue)
      status = pick(["routed", "routed", "in_progress", "in_progress", "in_progress", "needs_info", "answered", "answered", "closed"] as const);
    else status = pick(["closed", "closed", "closed", "closed", "closed", "closed", "answered", "answered", "in_progress", "routed", "needs_info"] as const);

    const timeline: Omit<DemoEvent, "reportId">[] = [];
    const event = (
      at: Date,
      type: Command,
      actorRole: string,
      actorUserId: string | null,
      fromStatus: Status | null,
      toStatus: Status | null,
      publicMessage: string | null = null,
    ) => timeline.push({ at, type, actorRole, actorUserId, fromStatus, toStatus, publicMessage, internalNote: null, data: null });
    const cap = (d: Date) => new Date(Math.min(d.getTime(), now.getTime() - 60_000));

    event(submittedAt, "submit", channel === "web" ? "citizen" : "coordinator", channel === "web" ? null : options.coordinatorId, null, "submitted");
    const row: NewReport & { id: string } = {
      id,
      trackingNumber,
      status,
      channel,
      description: pick(DESCRIPTIONS[main.serviceCode] ?? DESCRIPTIONS.voirie),
      lat,
      lng,
      address: `${pick(ADDRESSES)}${random() < 0.5 ? `, n° ${1 + Math.floor(random() * 120)}` : ""}`,
      districtId: district.id,
      serviceId: main.serviceId,
      citizenName: anonymous ? null : `${first} ${last}`,
      citizenEmail: anonymous || random() < 0.1 ? null : `${first}.${last}.${i}@example.org`.toLowerCase().replace(/ /g, ""),
      citizenPhone: anonymous ? null : `+212 6${String(10_000_000 + Math.floor(random() * 89_999_999)).padStart(8, "0")}`,
      isAnonymous: anonymous,
      locale: random() < 0.25 ? "ar" : "fr",
      submittedAt,
      routingDueAt: due.routingDueAt,
      responseDueAt: due.responseDueAt,
      createdByUserId: channel === "web" ? null : options.coordinatorId,
      updatedAt: submittedAt,
    };
    if (row.citizenEmail === null && row.citizenPhone === null && !anonymous) row.citizenPhone = "+212 539 000 000";

    if (status === "inadmissible") {
      event(
        cap(new Date(submittedAt.getTime() + between(1, 40) * HOUR)),
        "declare_inadmissible",
        "coordinator",
        options.coordinatorId,
        "submitted",
        "inadmissible",
      );
    } else if (status === "duplicate") {
      row.duplicateOfId = firstOfCategory.get(main.id)!;
      event(cap(new Date(submittedAt.getTime() + between(1, 40) * HOUR)), "merge", "coordinator", options.coordinatorId, "submitted", "duplicate");
    } else if (status !== "submitted") {
      // 85 % are routed within the 48 h, the rest late.
      const routedAt = cap(
        new Date(submittedAt.getTime() + (random() < 0.85 ? between(0.5, main.triageHours * 0.9) : between(main.triageHours, main.triageHours * 2.5)) * HOUR),
      );
      row.routedAt = routedAt;
      event(routedAt, "route", "coordinator", options.coordinatorId, "submitted", "routed");
      let cursor = routedAt;
      if (status !== "routed") {
        cursor = cap(new Date(routedAt.getTime() + between(1, 48) * HOUR));
        event(cursor, "take", "agent", agentId, "routed", "in_progress");
      }
      if (status === "needs_info") {
        cursor = cap(new Date(cursor.getTime() + between(2, 72) * HOUR));
        row.pausedAt = cursor;
        event(cursor, "ask_information", "agent", agentId, "in_progress", "needs_info", INFO_REQUEST);
      }
      if (status === "answered" || status === "closed") {
        const span = due.responseDueAt.getTime() - submittedAt.getTime();
        // Most answers come within the deadline, some after it.
        const answeredAt = cap(
          new Date(Math.max(cursor.getTime() + HOUR, submittedAt.getTime() + span * (random() < 0.8 ? between(0.2, 0.95) : between(1.05, 1.6)))),
        );
        const outcome = random() < 0.55 ? "upheld" : random() < 0.78 ? "rejected" : "reoriented";
        row.answeredAt = answeredAt;
        row.outcome = outcome;
        row.answer = pick(ANSWERS[outcome]);
        event(answeredAt, "answer", "agent", agentId, "in_progress", "answered", row.answer);
        if (status === "closed") {
          const closedAt = cap(new Date(answeredAt.getTime() + between(1, 10) * DAY));
          row.closedAt = closedAt;
          event(closedAt, "close", "system", null, "answered", "closed");
        }
      }
    }
    row.updatedAt = timeline[timeline.length - 1].at;
    if (!firstOfCategory.has(main.id) && status !== "duplicate" && status !== "inadmissible") firstOfCategory.set(main.id, id);

    reports.push(row);
    reportCategories.push({ reportId: id, categoryId: main.id, position: 0 });
    if (second) reportCategories.push({ reportId: id, categoryId: second.id, position: 1 });
    for (const e of timeline) events.push({ ...e, reportId: id });
  }
  return { reports, reportCategories, events };
}
