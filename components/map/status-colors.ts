/** One colour per public status, shared by the map markers and the legend (contrast ≥ 3:1 on the map). */
export const STATUS_COLORS: Record<string, string> = {
  submitted: "#b42318",
  routed: "#c2410c",
  in_progress: "#b54708",
  needs_info: "#6941c6",
  answered: "#0b4f6c",
  closed: "#067647",
};
