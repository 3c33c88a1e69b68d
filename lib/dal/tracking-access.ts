/**
 * Every path that takes a tracking number — the look-up form, the report's page, its confirmation,
 * the citizen's reply and feedback, the report's files — counts against one budget per address:
 * numbers have 40 random bits, and only a limited number of guesses per address keeps them
 * unguessable. Who asks: anyone; the address is the connection's (lib/auth/address).
 */
import { hitRateLimit, limits, type RateVerdict } from "./rate-limits";

/** One look-up of a tracking number by this address (a page, a form, an action). */
export function admitTrackingLookup(address: string, now = new Date()): Promise<RateVerdict> {
  return hitRateLimit(`track:address:${address}`, limits().trackPerAddress, now);
}

/** One file asked for with a tracking number: a page shows several, so files have a budget of their own. */
export function admitTrackedFile(address: string, now = new Date()): Promise<RateVerdict> {
  return hitRateLimit(`track-file:address:${address}`, limits().trackedFilePerAddress, now);
}
