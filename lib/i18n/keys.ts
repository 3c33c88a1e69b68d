/**
 * The message keys as types, from the French messages (the reference: the three files have the same
 * keys, lib/i18n/messages.test.ts). next-intl's `AppConfig` (lib/i18n/next-intl.d.ts) types every
 * `t()` with them, and error codes are drawn from them (lib/errors.ts), so a code without its
 * translation fails `tsc`.
 */
import type { MessageKeys, NestedKeyOf } from "next-intl";
import type fr from "./messages/fr.json";

export type AppMessages = typeof fr;

/** Every translatable key, as `namespace.path.key`. */
export type MessageKey = MessageKeys<AppMessages, NestedKeyOf<AppMessages>>;

/** The keys under one namespace, without it: `KeyIn<"status">` is `"submitted" | "routed" | …`. */
export type KeyIn<Namespace extends string> = MessageKey extends infer K ? (K extends `${Namespace}.${infer Rest}` ? Rest : never) : never;

/** The codes of one `errors` namespace, without their prefix: `ErrorName<"staff">` is `"forbidden" | "server" | …`. */
export type ErrorName<Namespace extends string> = KeyIn<`${Namespace}.errors`>;
