/**
 * Tétouan's demo data: the city, its districts, services, delegates, categories and one account
 * per role. Pure data; `db/seed/index.ts` writes it.
 * Services and categories follow Tétouan's e-reclamation (2014): cleanliness, lighting, roads,
 * buses, green spaces, safety… with the delegated ones (waste, buses, lighting maintenance).
 */
import type { LocalizedText } from "@/db/schema";

export const CITY = {
  name: { fr: "Tétouan", ar: "تطوان", en: "Tetouan" } satisfies LocalizedText,
  timeZone: "Africa/Casablanca",
  currency: "MAD",
  defaultLocale: "fr",
  holidayCountry: "MA",
  weekendDays: [0, 6],
  centerLat: 35.5785,
  centerLng: -5.3684,
  defaultZoom: 14,
  minLat: 35.53,
  minLng: -5.43,
  maxLat: 35.63,
  maxLng: -5.3,
  trackingPrefix: "TET",
  emergencyPhone: "19",
  /** The letterhead of the city's letters (lib/letters). */
  postalAddress: {
    fr: "Hôtel de ville, avenue Mohammed V, 93000 Tétouan",
    ar: "مقر الجماعة، شارع محمد الخامس، 93000 تطوان",
    en: "City Hall, Mohammed V Avenue, 93000 Tetouan",
  } satisfies LocalizedText,
  phone: "+212 539 96 00 00",
  openingHours: {
    fr: "du lundi au vendredi, 8 h 30 – 16 h 30",
    ar: "من الاثنين إلى الجمعة، 8:30 – 16:30",
    en: "Monday to Friday, 8.30 am – 4.30 pm",
  } satisfies LocalizedText,
};

export const DISTRICTS: { code: string; name: LocalizedText; centerLat: number; centerLng: number }[] = [
  { code: "medina", name: { fr: "Médina", ar: "المدينة العتيقة", en: "Medina" }, centerLat: 35.5722, centerLng: -5.3686 },
  {
    code: "ensanche",
    name: { fr: "Ensanche (centre-ville)", ar: "الإنسانشي (وسط المدينة)", en: "Ensanche (city centre)" },
    centerLat: 35.5712,
    centerLng: -5.3755,
  },
  { code: "mhannech", name: { fr: "Mhannech", ar: "امهناش", en: "Mhannech" }, centerLat: 35.5805, centerLng: -5.3905 },
  { code: "touabel", name: { fr: "Touabel", ar: "الطوابل", en: "Touabel" }, centerLat: 35.5655, centerLng: -5.356 },
  { code: "sania-rmel", name: { fr: "Sania Rmel", ar: "سانية الرمل", en: "Sania Rmel" }, centerLat: 35.587, centerLng: -5.356 },
  { code: "dersa", name: { fr: "Jbel Dersa", ar: "جبل درسة", en: "Jbel Dersa" }, centerLat: 35.579, centerLng: -5.38 },
  { code: "kouilma", name: { fr: "Kouilma", ar: "كويلمة", en: "Kouilma" }, centerLat: 35.5975, centerLng: -5.342 },
  { code: "boujarrah", name: { fr: "Boujarrah", ar: "بوجراح", en: "Boujarrah" }, centerLat: 35.56, centerLng: -5.388 },
  { code: "malaliyine", name: { fr: "Malaliyine", ar: "الملاليين", en: "Malaliyine" }, centerLat: 35.589, centerLng: -5.395 },
  {
    code: "wilaya",
    name: { fr: "Wilaya – Avenue des FAR", ar: "الولاية – شارع القوات المسلحة الملكية", en: "Wilaya – FAR Avenue" },
    centerLat: 35.5775,
    centerLng: -5.3625,
  },
  { code: "mezzouak", name: { fr: "Mezzouak", ar: "المزواق", en: "Mezzouak" }, centerLat: 35.552 + 0.006, centerLng: -5.37 },
];

export const DELEGATES = [
  {
    code: "proprete-tetouan",
    name: "Tétouan Propreté SA (délégataire de la collecte des déchets)",
    contractRef: "GD-2019-07",
    penaltyAmountMinor: 50000,
    penaltyCurrency: "MAD",
    contactEmail: "reclamations@proprete.demo.tetouan.ma",
  },
  {
    code: "bus-tetouan",
    name: "Bus Tétouan SARL (délégataire du transport urbain)",
    contractRef: "TU-2020-02",
    penaltyAmountMinor: 50000,
    penaltyCurrency: "MAD",
    contactEmail: "reclamations@bus.demo.tetouan.ma",
  },
  {
    code: "lumiere-tetouan",
    name: "Lumière du Nord SARL (maintenance de l'éclairage public)",
    contractRef: "EP-2021-11",
    penaltyAmountMinor: 50000,
    penaltyCurrency: "MAD",
    contactEmail: "reclamations@eclairage.demo.tetouan.ma",
  },
];

export const SERVICES: { code: string; name: LocalizedText; description: LocalizedText; email: string; delegateCode: string | null }[] = [
  {
    code: "proprete",
    name: { fr: "Propreté et collecte des déchets", ar: "النظافة وجمع النفايات", en: "Cleanliness and waste collection" },
    description: {
      fr: "Collecte des ordures, conteneurs, nettoiement des rues.",
      ar: "جمع النفايات والحاويات وتنظيف الشوارع.",
      en: "Refuse collection, bins, street cleaning.",
    },
    email: "proprete@demo.tetouan.ma",
    delegateCode: "proprete-tetouan",
  },
  {
    code: "eclairage",
    name: { fr: "Éclairage public", ar: "الإنارة العمومية", en: "Street lighting" },
    description: {
      fr: "Lampadaires, armoires électriques, illuminations.",
      ar: "أعمدة الإنارة والخزانات الكهربائية.",
      en: "Street lamps, electrical cabinets.",
    },
    email: "eclairage@demo.tetouan.ma",
    delegateCode: "lumiere-tetouan",
  },
  {
    code: "voirie",
    name: { fr: "Voirie et trottoirs", ar: "الطرق والأرصفة", en: "Roads and pavements" },
    description: { fr: "Chaussées, nids-de-poule, trottoirs, regards.", ar: "الطرق والحفر والأرصفة.", en: "Roads, potholes, pavements." },
    email: "voirie@demo.tetouan.ma",
    delegateCode: null,
  },
  {
    code: "transport",
    name: { fr: "Transport urbain", ar: "النقل الحضري", en: "Urban transport" },
    description: { fr: "Bus, arrêts, horaires, comportement à bord.", ar: "الحافلات والمحطات والمواعيد.", en: "Buses, stops, timetables." },
    email: "transport@demo.tetouan.ma",
    delegateCode: "bus-tetouan",
  },
  {
    code: "espaces-verts",
    name: { fr: "Espaces verts", ar: "المساحات الخضراء", en: "Green spaces" },
    description: { fr: "Parcs, jardins, arbres, aires de jeux.", ar: "الحدائق والأشجار وفضاءات اللعب.", en: "Parks, gardens, trees, playgrounds." },
    email: "espaces-verts@demo.tetouan.ma",
    delegateCode: null,
  },
  {
    code: "securite",
    name: { fr: "Sécurité et police administrative", ar: "الأمن والشرطة الإدارية", en: "Safety and by-law enforcement" },
    description: {
      fr: "Occupation illégale du domaine public, nuisances, dangers.",
      ar: "الاحتلال غير القانوني للملك العام والإزعاج والأخطار.",
      en: "Illegal occupation of public space, nuisances, hazards.",
    },
    email: "securite@demo.tetouan.ma",
    delegateCode: null,
  },
  {
    code: "eau",
    name: { fr: "Eau et assainissement", ar: "الماء والتطهير", en: "Water and sewerage" },
    description: { fr: "Fuites, égouts bouchés, inondations.", ar: "التسربات وانسداد قنوات الصرف والفيضانات.", en: "Leaks, blocked sewers, flooding." },
    email: "eau@demo.tetouan.ma",
    delegateCode: null,
  },
  {
    code: "hygiene",
    name: { fr: "Bureau municipal d'hygiène", ar: "المكتب الجماعي للصحة", en: "Municipal health office" },
    description: { fr: "Animaux errants, insalubrité, nuisibles.", ar: "الحيوانات الضالة وانعدام النظافة والحشرات.", en: "Stray animals, insalubrity, pests." },
    email: "hygiene@demo.tetouan.ma",
    delegateCode: null,
  },
  {
    code: "circulation",
    name: { fr: "Signalisation et circulation", ar: "التشوير وحركة السير", en: "Traffic and signage" },
    description: {
      fr: "Feux, panneaux, marquage, stationnement.",
      ar: "الإشارات الضوئية واللوحات والتشوير الأرضي.",
      en: "Traffic lights, signs, markings, parking.",
    },
    email: "circulation@demo.tetouan.ma",
    delegateCode: null,
  },
];

type CategorySeed = {
  code: string;
  serviceCode: string;
  name: LocalizedText;
  description: LocalizedText;
  notice?: LocalizedText;
  triageHours?: number;
  responseDays: number;
  responseDayCount: "calendar" | "working";
  silenceRule: "none" | "rejection" | "acceptance";
  isPrivate?: boolean;
};

const DANGER_19: LocalizedText = {
  fr: "Danger immédiat ? Appelez d'abord le 19 (police) ou le 15 (pompiers), puis signalez-le ici.",
  ar: "خطر داهم؟ اتصلوا أولا بالرقم 19 (الشرطة) أو 15 (الوقاية المدنية)، ثم صرحوا به هنا.",
  en: "Immediate danger? Call 19 (police) or 15 (fire brigade) first, then report it here.",
};

export const CATEGORIES: CategorySeed[] = [
  {
    code: "dechets-non-collectes",
    serviceCode: "proprete",
    name: { fr: "Ordures non collectées", ar: "نفايات غير مجموعة", en: "Rubbish not collected" },
    description: {
      fr: "Sacs ou conteneurs non vidés au passage prévu.",
      ar: "أكياس أو حاويات لم تفرغ في الموعد.",
      en: "Bags or bins not emptied on schedule.",
    },
    responseDays: 7,
    responseDayCount: "calendar",
    silenceRule: "acceptance",
  },
  {
    code: "conteneur-endommage",
    serviceCode: "proprete",
    name: { fr: "Conteneur endommagé ou manquant", ar: "حاوية متضررة أو مفقودة", en: "Damaged or missing bin" },
    description: { fr: "Conteneur cassé, brûlé, renversé ou absent.", ar: "حاوية مكسورة أو محروقة أو غائبة.", en: "Bin broken, burnt, overturned or missing." },
    responseDays: 15,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "depot-sauvage",
    serviceCode: "proprete",
    name: { fr: "Dépôt sauvage de déchets", ar: "رمي عشوائي للنفايات", en: "Fly-tipping" },
    description: {
      fr: "Gravats, encombrants ou déchets abandonnés sur la voie publique.",
      ar: "أنقاض أو نفايات متروكة في الطريق العام.",
      en: "Rubble, bulky items or waste dumped in the street.",
    },
    responseDays: 15,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "lampadaire-eteint",
    serviceCode: "eclairage",
    name: { fr: "Lampadaire éteint", ar: "عمود إنارة مطفأ", en: "Street lamp out" },
    description: { fr: "Un ou plusieurs points lumineux ne s'allument pas.", ar: "نقطة إنارة أو أكثر لا تشتغل.", en: "One or more lamps do not light up." },
    responseDays: 7,
    responseDayCount: "working",
    silenceRule: "acceptance",
  },
  {
    code: "eclairage-jour",
    serviceCode: "eclairage",
    name: { fr: "Éclairage allumé en journée", ar: "إنارة مشتعلة نهارا", en: "Lights on during the day" },
    description: {
      fr: "Gaspillage d'énergie : l'éclairage reste allumé le jour.",
      ar: "تبذير الطاقة: الإنارة تبقى مشتعلة نهارا.",
      en: "Energy waste: lights stay on in daytime.",
    },
    responseDays: 15,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "cable-nu",
    serviceCode: "eclairage",
    name: { fr: "Câble électrique à nu", ar: "سلك كهربائي عار", en: "Exposed electric cable" },
    description: {
      fr: "Câble ou armoire électrique accessible au public.",
      ar: "سلك أو خزانة كهربائية في متناول العموم.",
      en: "Cable or electrical cabinet open to the public.",
    },
    notice: DANGER_19,
    triageHours: 12,
    responseDays: 3,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "nid-de-poule",
    serviceCode: "voirie",
    name: { fr: "Nid-de-poule, chaussée dégradée", ar: "حفرة أو طريق متدهورة", en: "Pothole, damaged road" },
    description: { fr: "Trou ou affaissement de la chaussée.", ar: "حفرة أو انخساف في الطريق.", en: "Hole or subsidence in the road." },
    responseDays: 30,
    responseDayCount: "calendar",
    silenceRule: "rejection",
  },
  {
    code: "trottoir",
    serviceCode: "voirie",
    name: { fr: "Trottoir abîmé ou encombré", ar: "رصيف متضرر أو مشغول", en: "Damaged or blocked pavement" },
    description: {
      fr: "Dalles cassées, obstacle au passage des piétons.",
      ar: "بلاطات مكسورة أو عائق أمام الراجلين.",
      en: "Broken slabs, obstacles for pedestrians.",
    },
    responseDays: 30,
    responseDayCount: "calendar",
    silenceRule: "rejection",
  },
  {
    code: "regard-ouvert",
    serviceCode: "voirie",
    name: { fr: "Regard ou bouche d'égout ouvert", ar: "بالوعة مفتوحة", en: "Open manhole" },
    description: { fr: "Plaque manquante : risque de chute.", ar: "غطاء مفقود: خطر السقوط.", en: "Missing cover: risk of falling." },
    notice: DANGER_19,
    triageHours: 12,
    responseDays: 3,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "bus-retard",
    serviceCode: "transport",
    name: { fr: "Bus en retard ou supprimé", ar: "حافلة متأخرة أو ملغاة", en: "Bus late or cancelled" },
    description: {
      fr: "Passage non assuré ou très en retard sur une ligne.",
      ar: "عدم مرور الحافلة أو تأخرها الكبير.",
      en: "Service not run or very late on a line.",
    },
    responseDays: 15,
    responseDayCount: "working",
    silenceRule: "rejection",
  },
  {
    code: "arret-bus",
    serviceCode: "transport",
    name: { fr: "Arrêt de bus dégradé", ar: "محطة حافلات متضررة", en: "Damaged bus stop" },
    description: {
      fr: "Abri cassé, poteau ou horaires manquants.",
      ar: "مظلة مكسورة أو غياب لوحة المواعيد.",
      en: "Broken shelter, missing pole or timetable.",
    },
    responseDays: 30,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "conduite-bus",
    serviceCode: "transport",
    name: { fr: "Comportement à bord ou conduite dangereuse", ar: "سلوك داخل الحافلة أو سياقة خطيرة", en: "Behaviour on board or dangerous driving" },
    description: {
      fr: "Incident avec le personnel ou conduite dangereuse.",
      ar: "حادث مع المستخدمين أو سياقة خطيرة.",
      en: "Incident with staff or dangerous driving.",
    },
    responseDays: 30,
    responseDayCount: "calendar",
    silenceRule: "rejection",
  },
  {
    code: "parc-entretien",
    serviceCode: "espaces-verts",
    name: { fr: "Parc ou jardin mal entretenu", ar: "حديقة غير معتنى بها", en: "Neglected park or garden" },
    description: {
      fr: "Pelouse, bancs, fontaines ou aires de jeux à entretenir.",
      ar: "العشب أو الكراسي أو فضاءات اللعب.",
      en: "Lawns, benches, fountains or playgrounds to maintain.",
    },
    responseDays: 30,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "arbre-dangereux",
    serviceCode: "espaces-verts",
    name: { fr: "Arbre dangereux ou tombé", ar: "شجرة خطيرة أو ساقطة", en: "Dangerous or fallen tree" },
    description: {
      fr: "Branche menaçante ou arbre tombé sur la voie.",
      ar: "غصن مهدد أو شجرة ساقطة في الطريق.",
      en: "Threatening branch or tree fallen on the road.",
    },
    notice: DANGER_19,
    triageHours: 24,
    responseDays: 7,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "occupation-domaine",
    serviceCode: "securite",
    name: { fr: "Occupation illégale du domaine public", ar: "احتلال غير قانوني للملك العام", en: "Illegal occupation of public space" },
    description: {
      fr: "Terrasse, étal ou chantier empiétant sur la voie publique.",
      ar: "مقهى أو بضائع أو ورش على الطريق العام.",
      en: "Terrace, stall or works encroaching on the street.",
    },
    responseDays: 60,
    responseDayCount: "calendar",
    silenceRule: "rejection",
  },
  {
    code: "insecurite",
    serviceCode: "securite",
    name: { fr: "Insécurité, lieu dangereux", ar: "انعدام الأمن، مكان خطير", en: "Unsafe place" },
    description: {
      fr: "Lieu où vous ne vous sentez pas en sécurité. Ce signalement n'apparaît jamais sur la carte publique.",
      ar: "مكان لا تشعرون فيه بالأمان. لا يظهر هذا التصريح أبدا على الخريطة العمومية.",
      en: "A place where you do not feel safe. Never shown on the public map.",
    },
    notice: DANGER_19,
    triageHours: 24,
    responseDays: 15,
    responseDayCount: "calendar",
    silenceRule: "none",
    isPrivate: true,
  },
  {
    code: "fuite-eau",
    serviceCode: "eau",
    name: { fr: "Fuite d'eau sur la voie publique", ar: "تسرب الماء في الطريق العام", en: "Water leak in the street" },
    description: { fr: "Eau qui coule d'une canalisation ou d'une borne.", ar: "ماء يتسرب من قناة أو صنبور.", en: "Water running from a pipe or hydrant." },
    triageHours: 24,
    responseDays: 5,
    responseDayCount: "working",
    silenceRule: "none",
  },
  {
    code: "egout-bouche",
    serviceCode: "eau",
    name: { fr: "Égout bouché, mauvaises odeurs", ar: "قناة صرف مسدودة وروائح كريهة", en: "Blocked sewer, bad smells" },
    description: { fr: "Débordement ou odeurs d'égout.", ar: "فيضان أو روائح الصرف الصحي.", en: "Overflowing sewer or smells." },
    responseDays: 10,
    responseDayCount: "working",
    silenceRule: "none",
  },
  {
    code: "animaux-errants",
    serviceCode: "hygiene",
    name: { fr: "Animaux errants", ar: "حيوانات ضالة", en: "Stray animals" },
    description: { fr: "Chiens ou chats errants, animal mort.", ar: "كلاب أو قطط ضالة، حيوان نافق.", en: "Stray dogs or cats, dead animal." },
    responseDays: 15,
    responseDayCount: "calendar",
    silenceRule: "none",
  },
  {
    code: "feu-tricolore",
    serviceCode: "circulation",
    name: { fr: "Feu tricolore en panne", ar: "إشارة ضوئية معطلة", en: "Traffic light out of order" },
    description: { fr: "Feu éteint, bloqué ou mal réglé.", ar: "إشارة مطفأة أو عالقة.", en: "Light off, stuck or badly timed." },
    triageHours: 24,
    responseDays: 5,
    responseDayCount: "working",
    silenceRule: "none",
  },
  {
    code: "stationnement",
    serviceCode: "circulation",
    name: { fr: "Stationnement gênant ou panneau manquant", ar: "وقوف مزعج أو لوحة مفقودة", en: "Obstructive parking or missing sign" },
    description: {
      fr: "Véhicule gênant, panneau ou marquage manquant.",
      ar: "سيارة مزعجة أو لوحة أو تشوير مفقود.",
      en: "Obstructive vehicle, missing sign or marking.",
    },
    responseDays: 30,
    responseDayCount: "calendar",
    silenceRule: "rejection",
  },
];

export type DemoUser = {
  email: string;
  role: "coordinator" | "agent" | "mayor_office" | "delegate" | "admin";
  firstName: string;
  lastName: string;
  title: string;
  serviceCode?: string;
  delegateCode?: string;
};

export const DEMO_USERS: DemoUser[] = [
  { email: "coordinateur@demo.tetouan.ma", role: "coordinator", firstName: "Samira", lastName: "El Idrissi", title: "Cellule de suivi des réclamations" },
  { email: "agent.proprete@demo.tetouan.ma", role: "agent", firstName: "Youssef", lastName: "Benali", title: "Service propreté", serviceCode: "proprete" },
  { email: "agent.voirie@demo.tetouan.ma", role: "agent", firstName: "Khadija", lastName: "Amrani", title: "Service voirie", serviceCode: "voirie" },
  { email: "cabinet@demo.tetouan.ma", role: "mayor_office", firstName: "Rachid", lastName: "Tazi", title: "Cabinet du président de la commune" },
  {
    email: "delegataire@demo.tetouan.ma",
    role: "delegate",
    firstName: "Nadia",
    lastName: "Chraibi",
    title: "Tétouan Propreté SA",
    delegateCode: "proprete-tetouan",
  },
  { email: "admin@demo.tetouan.ma", role: "admin", firstName: "Hicham", lastName: "Ouazzani", title: "Administration de la plateforme" },
];

/** Published on purpose (README, seed output): demo deployments only, refused in production. */
export const DEMO_PASSWORDS: Record<string, string> = {
  "coordinateur@demo.tetouan.ma": "demo-coordinateur-2026",
  "agent.proprete@demo.tetouan.ma": "demo-agent-2026",
  "agent.voirie@demo.tetouan.ma": "demo-agent-2026",
  "cabinet@demo.tetouan.ma": "demo-cabinet-2026",
  "delegataire@demo.tetouan.ma": "demo-delegataire-2026",
  "admin@demo.tetouan.ma": "demo-admin-2026",
};

/**
 * The demo's second factors, published like its passwords (README): the roles that must have one
 * (admin, mayor's office) are seeded enrolled, so any authenticator app — or `otplib` in the e2e
 * journeys — gives their codes. Base32 TOTP secrets.
 */
export const DEMO_TOTP_SECRETS: Record<string, string> = {
  "cabinet@demo.tetouan.ma": "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD",
  "admin@demo.tetouan.ma": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
};

/** Answer templates per category, by outcome: agents adapt them, then sign. */
export function responseTemplatesFor(categoryName: string): { outcome: "upheld" | "rejected" | "reoriented"; title: string; body: string }[] {
  return [
    {
      outcome: "upheld",
      title: "Fondée — intervention réalisée",
      body: `Madame, Monsieur,\n\nVotre réclamation « ${categoryName} » est fondée. Nos équipes sont intervenues le [date] et le problème a été réglé. Nous vous remercions de votre signalement.`,
    },
    {
      outcome: "rejected",
      title: "Non fondée — aucun dysfonctionnement constaté",
      body: `Madame, Monsieur,\n\nAprès vérification sur place le [date], aucun dysfonctionnement n'a été constaté concernant « ${categoryName} » à l'adresse indiquée. N'hésitez pas à nous signaler tout nouveau problème.`,
    },
    {
      outcome: "reoriented",
      title: "Hors compétence — réorientation",
      body: `Madame, Monsieur,\n\nLe problème signalé ne relève pas des compétences de la commune. Nous vous invitons à vous adresser à l'administration indiquée ci-dessous, à qui nous avons également transmis votre signalement.`,
    },
  ];
}
