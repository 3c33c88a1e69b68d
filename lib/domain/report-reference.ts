/**
 * How staff screens name a report: its tracking number for the city's own staff, its public number
 * ("#1042", the reference Open311 and the public listings use) for a delegate, who never sees the
 * citizen's secret key.
 */
export type ReferencedReport = { trackingNumber: string | null; publicNumber: number };

export function reportReference(report: ReferencedReport): string {
  return report.trackingNumber ?? `#${report.publicNumber}`;
}
