"use client";

/**
 * A bar chart read at a glance. Decorative for screen readers (aria-hidden): every chart on the
 * platform sits next to a table with the same figures.
 *
 * Long names (delegates, services) are drawn as rows (`layout="rows"`): the bars run across and each
 * name is written whole, on as many lines as it needs, beside its bars, never cut. The SVG is laid
 * out left to right whatever the page's direction (an SVG text's anchor follows the direction: in an
 * Arabic page the names ran over the bars); in Arabic the chart is mirrored instead, names on the
 * right and bars growing leftwards.
 */
import { Bar, BarChart as Chart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { wrapLabel } from "./wrap-label";

export type BarSeries = { key: string; label: string; color: string };

/** Room for the names beside the rows: about 26 characters a line at 12 px. */
const NAME_WIDTH = 180;
const LINE_HEIGHT = 14;

type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown } };

/** A category's name on one or more lines, centred on its row, anchored away from the bars. */
function NameTick({ x = 0, y = 0, payload, anchor }: TickProps & { anchor: "start" | "end" }) {
  const lines = wrapLabel(String(payload?.value ?? ""), 26);
  const top = Number(y) - ((lines.length - 1) * LINE_HEIGHT) / 2;
  return (
    <text x={Number(x)} y={top} textAnchor={anchor} dominantBaseline="central" fontSize={12} fill="#1b1f24">
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one label, in order
        <tspan key={i} x={Number(x)} dy={i === 0 ? 0 : LINE_HEIGHT}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export function BarChart({
  data,
  series,
  height,
  unit,
  layout = "columns",
  dir = "ltr",
}: {
  data: Record<string, string | number | null>[];
  series: BarSeries[];
  height?: number;
  unit?: string;
  /** Columns for short labels (months); rows for names, written whole. */
  layout?: "columns" | "rows";
  /** The page's direction: the chart is mirrored in Arabic. */
  dir?: "ltr" | "rtl";
}) {
  const rtl = dir === "rtl";
  const rows = layout === "rows";
  // Rows: enough height for each name's lines and its bars.
  const rowHeight = (label: unknown) => Math.max(16 * series.length + 12, wrapLabel(String(label ?? ""), 26).length * LINE_HEIGHT + 12);
  const blockSize = height ?? (rows ? 60 + data.reduce((sum, d) => sum + rowHeight(d.label), 0) : 320);
  return (
    <div className="chart" aria-hidden="true" dir="ltr" style={{ blockSize }}>
      <ResponsiveContainer width="100%" height="100%">
        {rows ? (
          <Chart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 16 }} accessibilityLayer={false} barCategoryGap={6}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" unit={unit} reversed={rtl} tick={{ fontSize: 12 }} allowDecimals={false} />
            <YAxis
              type="category"
              dataKey="label"
              interval={0}
              width={NAME_WIDTH}
              orientation={rtl ? "right" : "left"}
              tickLine={false}
              tick={(props: TickProps) => <NameTick {...props} anchor={rtl ? "start" : "end"} />}
            />
            <Tooltip />
            <Legend verticalAlign="top" wrapperStyle={{ direction: dir }} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
            ))}
          </Chart>
        ) : (
          <Chart data={data} margin={{ top: 8, right: 8, bottom: 48, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            {/* Mirrored in Arabic, the labels slant the other way so that each still ends under its column. */}
            <XAxis dataKey="label" interval={0} reversed={rtl} angle={rtl ? 30 : -30} textAnchor={rtl ? "start" : "end"} height={70} tick={{ fontSize: 12 }} />
            <YAxis unit={unit} orientation={rtl ? "right" : "left"} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend verticalAlign="top" wrapperStyle={{ direction: dir }} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
            ))}
          </Chart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
