"use client";

/**
 * A bar chart read at a glance. Decorative for screen readers (aria-hidden): every chart on the
 * platform sits next to a table with the same figures.
 */
import { Bar, BarChart as Chart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type BarSeries = { key: string; label: string; color: string };

export function BarChart({
  data,
  series,
  height = 320,
  unit,
}: {
  data: Record<string, string | number | null>[];
  series: BarSeries[];
  height?: number;
  unit?: string;
}) {
  return (
    <div className="chart" aria-hidden="true" style={{ blockSize: height }}>
      <ResponsiveContainer width="100%" height="100%">
        <Chart data={data} margin={{ top: 8, right: 8, bottom: 48, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" interval={0} angle={-30} textAnchor="end" height={70} tick={{ fontSize: 12 }} />
          <YAxis unit={unit} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
          ))}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
}
