/** Reads the staff lists' filters from the URL (`?status=…&service=…&late=1…`), ignoring what does not parse. */
import type { ReportChannel, ReportStatus } from "@/db/schema";
import type { FilterValues } from "@/components/staff/ReportFilters";
import { endOfLocalDay, zonedTime } from "@/lib/domain/deadlines";
import { REPORT_STATUSES } from "@/lib/domain/types";
import type { StaffFilters } from "@/lib/dal/staff-reports";

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const id = (v: string) => (/^\d{1,5}$/.test(v) ? Number(v) : undefined);
const isoDate = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");
const CHANNELS = ["web", "phone", "counter", "email", "letter", "api"];

export function parseFilters(search: Search, defaults: ReportStatus[], timeZone: string): { values: FilterValues; filters: StaffFilters } {
  const touched = Object.keys(search).some((k) => k !== "selected");
  const status = touched ? all(search.status).filter((s): s is ReportStatus => (REPORT_STATUSES as readonly string[]).includes(s)) : defaults;
  const values: FilterValues = {
    status,
    service: first(search.service),
    category: first(search.category),
    district: first(search.district),
    channel: CHANNELS.includes(first(search.channel)) ? first(search.channel) : "",
    late: first(search.late) === "1",
    from: isoDate(first(search.from)),
    to: isoDate(first(search.to)),
    q: first(search.q).slice(0, 100),
  };
  return {
    values,
    filters: {
      statuses: status,
      serviceId: id(values.service),
      categoryId: id(values.category),
      districtId: id(values.district),
      channel: (values.channel || undefined) as ReportChannel | undefined,
      lateOnly: values.late,
      from: values.from ? zonedTime(values.from, { hour: 0, minute: 0, second: 0, ms: 0 }, timeZone) : undefined,
      to: values.to ? endOfLocalDay(values.to, timeZone) : undefined,
      q: values.q || undefined,
    },
  };
}
