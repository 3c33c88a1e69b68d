import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/i18n/routing";

/**
 * Only picks the locale from the URL. It is never a security check: authorization lives in lib/dal.
 */
export default createMiddleware(routing);

export const config = {
  // Everything but API routes, files, Open311, Next internals and paths with a dot (static assets).
  matcher: ["/((?!api|files|open311|_next|_vercel|.*\\..*).*)"],
};
