"use client";

/** Staff intake: how the request came in (phone, counter, letter, email). */
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FieldErrorView } from "../hooks/useFieldErrors";
import styles from "../ReportForm.module.css";

export function ChannelField({ channels, baseId, errors }: { channels: { value: string; label: string }[]; baseId: string; errors: FieldErrorView }) {
  const t = useTranslations("report");
  const [channel, setChannel] = useState(channels[0]?.value ?? "");
  return (
    <div className={`field ${styles.section}`}>
      <label htmlFor={`${baseId}-channel`}>{t("channel")}</label>
      <select id={`${baseId}-channel`} name="channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
        {channels.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {errors.message("channel")}
    </div>
  );
}
