import { Fragment, type ReactNode } from "react";

// Text that comes from elsewhere than the page's translations — a Dutch
// organisation or wijk name, a person's name, what someone typed — may run in
// another direction than the page. Inside a sentence it is isolated in <bdi>
// (direction from its own first letters), so that "Bibliotheek Moerwijk" in an
// Arabic sentence reads left to right and does not drag the sentence's
// punctuation along; on its own in an element, that element gets dir="auto".

type Translate = (key: string, options: Record<string, unknown>) => string;

const marker = (index: number) => `\uE000${index}\uE001`;
const markers = /\uE000(\d+)\uE001/;

/**
 * A translated sentence whose `foreign` values are each isolated in <bdi>
 * (a value that is already an element, such as a list of isolated names, is
 * put in as it is). The sentence reads the same (the element adds no
 * characters); `values` are passed on as usual (counts, words from the page's
 * own translations).
 */
export function isolated(t: Translate, key: string, foreign: Record<string, ReactNode>, values: Record<string, unknown> = {}): ReactNode {
  const names = Object.keys(foreign);
  const sentence = t(key, { ...values, ...Object.fromEntries(names.map((name, index) => [name, marker(index)])) });
  const parts = sentence.split(markers);
  return parts.map((part, index) =>
    index % 2 === 0 ? (
      <Fragment key={index}>{part}</Fragment>
    ) : (
      <IsolatedValue key={index} value={foreign[names[Number(part)]!]} />
    ),
  );
}

function IsolatedValue({ value }: { value: ReactNode }) {
  return typeof value === "string" || typeof value === "number" ? <bdi>{value}</bdi> : <>{value}</>;
}
