/**
 * For tests that call route handlers and actions directly (no server, no connection): the headers
 * our server (lib/server/http.ts) would have set for a client at `address`, so that each simulated
 * client keeps its own rate-limit quota.
 */
import { CLIENT_ADDRESS_HEADER, CLIENT_TOKEN_HEADER } from "./address";
import { clientAddressToken } from "@/lib/server/http";

export function connectionFrom(address: string): Record<string, string> {
  return { [CLIENT_ADDRESS_HEADER]: address, [CLIENT_TOKEN_HEADER]: clientAddressToken() };
}
