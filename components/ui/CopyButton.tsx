"use client";

import { useState } from "react";

/** Copies a text to the clipboard and says so in a live region. */
export function CopyButton({ text, label, copiedLabel }: { text: string; label: string; copiedLabel: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {label}
      </button>
      <span role="status" className={copied ? undefined : "visually-hidden"}>
        {copied ? copiedLabel : ""}
      </span>
    </>
  );
}
