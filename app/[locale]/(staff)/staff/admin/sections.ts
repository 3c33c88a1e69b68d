/**
 * The administration's sections, one route each under /staff/admin (the overview links to them,
 * the layout's sub-navigation too). `key` is the section's namespace in the `admin` messages.
 */
export const ADMIN_SECTIONS = [
  { slug: "city", key: "city" },
  { slug: "categories", key: "categories" },
  { slug: "services", key: "services" },
  { slug: "delegates", key: "delegates" },
  { slug: "holidays", key: "holidays" },
  { slug: "users", key: "users" },
  { slug: "templates", key: "templates" },
  { slug: "api-keys", key: "apiKeys" },
  { slug: "privacy", key: "privacy" },
  { slug: "mails", key: "mails" },
] as const;

export type AdminSection = (typeof ADMIN_SECTIONS)[number]["key"];
