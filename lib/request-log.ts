/**
 * The request id and logger of the server action or page being run: proxy.ts gave the request its
 * id (or kept the reverse proxy's); a generic error shows it to the user as a reference.
 */
import { headers } from "next/headers";
import { requestIdOf, requestLog } from "@/lib/log";

export async function currentRequest() {
  const requestId = requestIdOf(await headers());
  return { requestId, log: requestLog(requestId) };
}
