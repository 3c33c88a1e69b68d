/**
 * The demo's request types beside Tétouan's complaints, after La Seyne's "Mes démarches en ligne": a
 * school-catering aid, a library sign-up, a complaint to the municipal police (private) and a general
 * question, each with its own fields (version 1 of its form), deadlines, silence rule and the
 * paragraph its acknowledgement adds. Pure data; `db/seed/index.ts` writes it (demo only: a real
 * city defines its own types in /staff/admin).
 */
import type { LocalizedText } from "@/db/schema";
import type { FieldDefinition } from "@/lib/domain/request-fields";

/** The services that own them (the police complaint goes to the existing safety service). */
export const REQUEST_SERVICES: { code: string; name: LocalizedText; description: LocalizedText; email: string }[] = [
  {
    code: "education",
    name: { fr: "Éducation et restauration scolaire", ar: "التعليم والإطعام المدرسي", en: "Education and school catering" },
    description: {
      fr: "Inscriptions scolaires, cantine, aides aux familles.",
      ar: "التسجيل المدرسي والمطعم المدرسي ودعم الأسر.",
      en: "School enrolment, canteen, family aid.",
    },
    email: "education@demo.tetouan.ma",
  },
  {
    code: "bibliotheque",
    name: { fr: "Bibliothèque municipale", ar: "الخزانة البلدية", en: "Municipal library" },
    description: { fr: "Inscriptions, prêts, animations.", ar: "التسجيل والإعارة والأنشطة.", en: "Membership, loans, events." },
    email: "bibliotheque@demo.tetouan.ma",
  },
  {
    code: "accueil",
    name: { fr: "Accueil et relation citoyen", ar: "الاستقبال والعلاقة مع المواطن", en: "Front desk and citizen relations" },
    description: {
      fr: "Questions générales, orientation vers le bon service.",
      ar: "الأسئلة العامة والتوجيه نحو المصلحة المختصة.",
      en: "General questions, directions to the right service.",
    },
    email: "accueil@demo.tetouan.ma",
  },
];

export type RequestTypeSeed = {
  code: string;
  serviceCode: string;
  name: LocalizedText;
  description: LocalizedText;
  acknowledgement: LocalizedText;
  location: "required" | "optional" | "none";
  isPrivate: boolean;
  triageHours: number;
  responseDays: number;
  responseDayCount: "calendar" | "working";
  silenceRule: "none" | "rejection" | "acceptance";
  fields: FieldDefinition[];
};

export const SCHOOLS = [
  { value: "ecole-mohammed-v", label: { fr: "École Mohammed V", ar: "مدرسة محمد الخامس", en: "Mohammed V school" } },
  { value: "ecole-al-qods", label: { fr: "École Al Qods", ar: "مدرسة القدس", en: "Al Qods school" } },
  { value: "ecole-ibn-khaldoun", label: { fr: "École Ibn Khaldoun", ar: "مدرسة ابن خلدون", en: "Ibn Khaldoun school" } },
  { value: "ecole-al-mansour", label: { fr: "École Al Mansour", ar: "مدرسة المنصور", en: "Al Mansour school" } },
];

export const READING = [
  { value: "romans", label: { fr: "Romans", ar: "روايات", en: "Novels" } },
  { value: "bd", label: { fr: "Bandes dessinées", ar: "قصص مصورة", en: "Comics" } },
  { value: "histoire", label: { fr: "Histoire et patrimoine", ar: "التاريخ والتراث", en: "History and heritage" } },
  { value: "jeunesse", label: { fr: "Jeunesse", ar: "كتب الأطفال", en: "Children's books" } },
  { value: "sciences", label: { fr: "Sciences", ar: "علوم", en: "Science" } },
];

export const REQUEST_TYPES: RequestTypeSeed[] = [
  {
    code: "aide-restauration-scolaire",
    serviceCode: "education",
    name: { fr: "Aide à la restauration scolaire", ar: "دعم الإطعام المدرسي", en: "School-catering aid" },
    description: {
      fr: "Demande de tarif réduit à la cantine selon le quotient familial.",
      ar: "طلب تعريفة مخفضة في المطعم المدرسي حسب الحاصل العائلي.",
      en: "Reduced canteen price according to the family quotient.",
    },
    acknowledgement: {
      fr: "Votre demande d'aide sera étudiée par le service Éducation. Sans réponse de notre part dans les deux mois, l'aide est accordée (le silence vaut accord). Gardez les originaux de vos justificatifs : ils pourront vous être demandés.",
      ar: "سيدرس قسم التعليم طلب الدعم الخاص بكم. في حال عدم الرد خلال شهرين يعتبر الدعم ممنوحا (السكوت يعني القبول). احتفظوا بأصول الوثائق المثبتة فقد تطلب منكم.",
      en: "The Education service will study your request for aid. Without an answer from us within two months, the aid is granted (silence means acceptance). Keep the originals of your documents: you may be asked for them.",
    },
    location: "none",
    isPrivate: false,
    triageHours: 48,
    responseDays: 60,
    responseDayCount: "calendar",
    silenceRule: "acceptance",
    fields: [
      { code: "child_first_name", kind: "short_text", required: true, label: { fr: "Prénom de l'enfant", ar: "الاسم الشخصي للطفل", en: "Child's first name" } },
      { code: "child_last_name", kind: "short_text", required: true, label: { fr: "Nom de l'enfant", ar: "الاسم العائلي للطفل", en: "Child's last name" } },
      { code: "school", kind: "single_choice", required: true, label: { fr: "École", ar: "المدرسة", en: "School" }, choices: SCHOOLS },
      {
        code: "family_quotient",
        kind: "number",
        required: true,
        label: { fr: "Quotient familial (DH)", ar: "الحاصل العائلي (درهم)", en: "Family quotient (MAD)" },
        help: {
          fr: "Revenus mensuels du foyer divisés par le nombre de parts.",
          ar: "الدخل الشهري للأسرة مقسوما على عدد الحصص.",
          en: "The household's monthly income divided by its number of shares.",
        },
        min: 0,
        max: 5000,
      },
      {
        code: "income_proof",
        kind: "file",
        required: false,
        label: { fr: "Justificatif de revenus", ar: "وثيقة إثبات الدخل", en: "Proof of income" },
        fileTypes: ["pdf", "image"],
        maxFiles: 2,
      },
    ],
  },
  {
    code: "bibliotheque-inscription",
    serviceCode: "bibliotheque",
    name: { fr: "Inscription à la bibliothèque municipale", ar: "التسجيل في الخزانة البلدية", en: "Municipal library sign-up" },
    description: {
      fr: "Demande de carte de lecteur, gratuite pour les habitants.",
      ar: "طلب بطاقة القارئ، مجانية لساكنة المدينة.",
      en: "Request a reader's card, free for residents.",
    },
    acknowledgement: {
      fr: "Votre carte de lecteur sera prête sous quinze jours ouvrés : venez la retirer à l'accueil de la bibliothèque avec une pièce d'identité.",
      ar: "ستكون بطاقة القارئ جاهزة خلال خمسة عشر يوم عمل: تعالوا لسحبها من استقبال الخزانة مع بطاقة التعريف.",
      en: "Your reader's card will be ready within fifteen working days: collect it at the library's front desk with an identity document.",
    },
    location: "none",
    isPrivate: false,
    triageHours: 48,
    responseDays: 15,
    responseDayCount: "working",
    silenceRule: "none",
    fields: [
      {
        code: "reader_name",
        kind: "short_text",
        required: true,
        label: { fr: "Nom et prénom du lecteur", ar: "الاسم الكامل للقارئ", en: "Reader's full name" },
      },
      { code: "birth_date", kind: "date", required: true, label: { fr: "Date de naissance", ar: "تاريخ الازدياد", en: "Date of birth" } },
      { code: "reader_email", kind: "email", required: true, label: { fr: "E-mail du lecteur", ar: "البريد الإلكتروني للقارئ", en: "Reader's e-mail" } },
      {
        code: "reading_preferences",
        kind: "multiple_choice",
        required: false,
        label: { fr: "Préférences de lecture", ar: "تفضيلات القراءة", en: "Reading preferences" },
        choices: READING,
      },
      {
        code: "accepts_rules",
        kind: "yes_no",
        required: true,
        label: { fr: "J'accepte le règlement de la bibliothèque", ar: "أوافق على النظام الداخلي للخزانة", en: "I accept the library's rules" },
      },
    ],
  },
  {
    code: "police-municipale-plainte",
    serviceCode: "securite",
    name: { fr: "Plainte auprès de la police municipale", ar: "شكاية لدى الشرطة الإدارية", en: "Complaint to the municipal police" },
    description: {
      fr: "Incivilités, nuisances, stationnement gênant : les faits restent confidentiels.",
      ar: "السلوكات غير المدنية والإزعاج والوقوف المزعج: تبقى الوقائع سرية.",
      en: "Incivilities, nuisances, obstructive parking: the facts stay confidential.",
    },
    acknowledgement: {
      fr: "Votre plainte est confidentielle : elle n'apparaît sur aucune carte ni liste publique. Un agent de la police municipale pourra vous contacter. En cas d'urgence, appelez le 19.",
      ar: "شكايتكم سرية: لا تظهر على أي خريطة أو لائحة عمومية. قد يتصل بكم عون من الشرطة الإدارية. في حالة الاستعجال اتصلوا بالرقم 19.",
      en: "Your complaint is confidential: it appears on no public map or list. A municipal police officer may contact you. In an emergency, call 19.",
    },
    location: "optional",
    isPrivate: true,
    triageHours: 24,
    responseDays: 30,
    responseDayCount: "calendar",
    silenceRule: "rejection",
    fields: [
      { code: "facts_date", kind: "date", required: true, label: { fr: "Date des faits", ar: "تاريخ الوقائع", en: "Date of the facts" } },
      {
        code: "facts",
        kind: "long_text",
        required: true,
        label: { fr: "Description des faits", ar: "وصف الوقائع", en: "Description of the facts" },
      },
    ],
  },
  {
    code: "question-generale",
    serviceCode: "accueil",
    name: { fr: "Question générale", ar: "سؤال عام", en: "General question" },
    description: {
      fr: "Une question à la commune qui ne correspond à aucune autre démarche.",
      ar: "سؤال للجماعة لا يندرج ضمن أي طلب آخر.",
      en: "A question to the city that fits no other request.",
    },
    acknowledgement: {
      fr: "Votre question a été transmise au service Accueil, qui vous répondra ou la confiera au service compétent.",
      ar: "تمت إحالة سؤالكم على مصلحة الاستقبال التي ستجيبكم أو تحيله على المصلحة المختصة.",
      en: "Your question has been passed to the front desk, who will answer it or hand it to the right service.",
    },
    location: "none",
    isPrivate: false,
    triageHours: 48,
    responseDays: 30,
    responseDayCount: "calendar",
    silenceRule: "none",
    fields: [
      { code: "subject", kind: "short_text", required: true, label: { fr: "Objet", ar: "الموضوع", en: "Subject" } },
      { code: "question", kind: "long_text", required: true, label: { fr: "Votre question", ar: "سؤالكم", en: "Your question" } },
    ],
  },
];
