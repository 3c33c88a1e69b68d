/**
 * The answers to a request type's own fields, as staff read them: in the order of the form version
 * the request was filed with, each label in the reader's language (or the city's), files as links.
 */
import { getTranslations } from "next-intl/server";
import type { ShownAnswer } from "@/lib/domain/request-fields";
import { directionOf } from "@/lib/i18n/config";

export async function RequestAnswers({
  answers,
  attachments,
  version,
}: {
  answers: ShownAnswer[];
  attachments: { id: string; name: string }[];
  version: number | null;
}) {
  const t = await getTranslations("staff.answers");
  const choice = (answer: ShownAnswer, value: string) => {
    const label = answer.field.choices?.find((c) => c.value === value)?.label;
    return label?.[answer.label.lang]?.trim() || Object.values(label ?? {}).find((v) => v?.trim()) || value;
  };
  return (
    <section aria-labelledby="request-answers-title" data-testid="request-answers">
      <h3 id="request-answers-title">{t("title")}</h3>
      {version !== null ? <p className="hint">{t("version", { version })}</p> : null}
      <dl className="facts">
        {answers.map((answer) => (
          <div key={answer.code} className="facts__row">
            <dt lang={answer.label.lang} dir={directionOf(answer.label.lang)}>
              {answer.label.text}
            </dt>
            <dd dir="auto">
              {answer.kind === "file" && Array.isArray(answer.value) ? (
                <ul className="plain-list">
                  {answer.value.map((id) => (
                    <li key={id}>
                      <a href={`/api/staff/files/${id}`} target="_blank" rel="noopener">
                        {attachments.find((a) => a.id === id)?.name ?? t("file")}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : typeof answer.value === "boolean" ? (
                answer.value ? (
                  t("yes")
                ) : (
                  t("no")
                )
              ) : Array.isArray(answer.value) ? (
                answer.value.map((v) => choice(answer, v)).join(", ")
              ) : answer.kind === "single_choice" ? (
                choice(answer, String(answer.value))
              ) : (
                String(answer.value)
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
