/**
 * The answers to a request type's own fields, as a list of facts: each label in its language,
 * choices by their label (`choiceText`: the label's language, else any), yes/no and files as the
 * caller words and links them. Shared by the staff panel and the citizen's tracking page; which
 * answers are given (contact answers or not) is the data layer's decision (`shownAnswers`).
 */
import type { ReactNode } from "react";
import { choiceText, type ShownAnswer } from "@/lib/domain/request-field-definitions";
import { directionOf } from "@/lib/i18n/config";

export function AnswerList({
  answers,
  yes,
  no,
  file,
}: {
  answers: ShownAnswer[];
  yes: string;
  no: string;
  /** A file answer's link: its id and its place among the field's files. */
  file: (id: string, index: number) => ReactNode;
}) {
  const choice = (answer: ShownAnswer, value: string) => {
    const label = choiceText(answer.field, value, answer.label.lang, answer.label.lang);
    return (
      <span key={value} lang={label.lang}>
        {label.text}
      </span>
    );
  };
  return (
    <dl className="facts">
      {answers.map((answer) => (
        <div key={answer.code} className="facts__row">
          <dt lang={answer.label.lang} dir={directionOf(answer.label.lang)}>
            {answer.label.text}
          </dt>
          <dd dir="auto">
            {answer.kind === "file" && Array.isArray(answer.value) ? (
              <ul className="plain-list">
                {answer.value.map((id, index) => (
                  <li key={id}>{file(id, index)}</li>
                ))}
              </ul>
            ) : typeof answer.value === "boolean" ? (
              answer.value ? (
                yes
              ) : (
                no
              )
            ) : Array.isArray(answer.value) ? (
              answer.value.map((v, i) => [i > 0 ? ", " : null, choice(answer, v)])
            ) : answer.kind === "single_choice" ? (
              choice(answer, String(answer.value))
            ) : (
              String(answer.value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
