import { notFound } from "next/navigation";

/** Any unknown address inside a locale gets the translated not-found page. */
export default function CatchAll() {
  notFound();
}
