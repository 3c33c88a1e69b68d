/**
 * The client's address, as every per-address limit counts it (reports, uploads, tracking look-ups,
 * supports, sign-in). The app never reads X-Forwarded-For itself: a client can send any value there,
 * and `next start` passes it on. Our server (lib/server/http.ts, run by `npm start` and `npm run
 * serve`) computes the address from the connection and TRUSTED_PROXIES, removes every address header
 * the client sent, and sets CLIENT_ADDRESS_HEADER with a token it made for this process
 * (CLIENT_TOKEN_HEADER, equal to process.env[CLIENT_TOKEN_ENV]). Without that token — the app run by
 * plain `next start`, or a client forging the header — every request counts as one "unknown"
 * client: the limits then hold for everyone together, and a forged header cannot open a new quota.
 */
import { log } from "@/lib/log";

export const CLIENT_ADDRESS_HEADER = "x-erec-client-address";
export const CLIENT_TOKEN_HEADER = "x-erec-client-token";
export const CLIENT_TOKEN_ENV = "EREC_CLIENT_ADDRESS_TOKEN";
/** The bucket of every request whose address the app cannot trust. */
export const UNKNOWN_CLIENT = "unknown";

let warned = false;

/** The connection's client address set by our server, or UNKNOWN_CLIENT when it did not set it. */
export function clientAddress(headers: Headers): string {
  const token = process.env[CLIENT_TOKEN_ENV];
  const address = headers.get(CLIENT_ADDRESS_HEADER);
  if (token && address && headers.get(CLIENT_TOKEN_HEADER) === token) return address.slice(0, 64);
  if (!warned) {
    warned = true;
    log().warn(
      { event: "client_address_unknown" },
      "the client's address is not known (the app is not served by `npm run serve`): every per-address rate limit is shared by all clients",
    );
  }
  return UNKNOWN_CLIENT;
}
