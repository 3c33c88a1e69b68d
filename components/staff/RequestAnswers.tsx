/**
 * The answers to a request type's own fields, as staff read them: in the order of the form version
 * the request was filed with, each label in the reader's language (or the city's), files as links.
 */
import { getTranslations } from "next-intl/server";
import { AnswerList } from "@/components/report/AnswerList";
import type { ShownAnswer } from "@/lib/domain/request-field-definitions";

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
  return (
    <section aria-labelledby="request-answers-title" data-testid="request-answers">
      <h3 id="request-answers-title">{t("title")}</h3>
      {version !== null ? <p className="hint">{t("version", { version })}</p> : null}
      <AnswerList
        answers={answers}
        yes={t("yes")}
        no={t("no")}
        file={(id) => (
          <a href={`/api/staff/files/${id}`} target="_blank" rel="noopener">
            {attachments.find((a) => a.id === id)?.name ?? t("file")}
          </a>
        )}
      />
    </section>
  );
}
