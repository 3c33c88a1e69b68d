/**
 * One colour per public status, shared by the map markers and the legend (contrast ≥ 3:1 on the
 * map), each of a different hue — red, amber, blue, purple, green, grey — so that no two are told
 * apart by shade alone; the clusters are white discs with a dark ring, like no status.
 */
export const STATUS_COLORS: Record<string, string> = {
  submitted: "#b42318",
  routed: "#b54708",
  in_progress: "#175cd3",
  needs_info: "#6941c6",
  answered: "#067647",
  closed: "#475467",
};
