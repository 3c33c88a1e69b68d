import { useId } from "react";

/** A labelled input of the administration's forms; its id is unique on the page unless one is given. */
export function AdminField({
  name,
  label,
  value,
  type = "text",
  id,
}: {
  name: string;
  label: string;
  value?: string | number | null;
  type?: string;
  id?: string;
}) {
  const generated = useId();
  const fieldId = id ?? `f-${name}${generated.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <input id={fieldId} name={name} type={type} defaultValue={value ?? ""} step={type === "number" ? "any" : undefined} />
    </div>
  );
}
