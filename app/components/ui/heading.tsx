import type { HTMLAttributes } from "react";

type Level = 1 | 2 | 3 | 4;

export function Heading({ level, className, ...props }: HTMLAttributes<HTMLHeadingElement> & { level: Level }) {
  const Tag = `h${level}` as const;
  return <Tag className={`utrecht-heading-${level} ${className ?? ""}`.trim()} {...props} />;
}

export function Paragraph({ className, lead, ...props }: HTMLAttributes<HTMLParagraphElement> & { lead?: boolean }) {
  return <p className={`utrecht-paragraph ${lead ? "utrecht-paragraph--lead" : ""} ${className ?? ""}`.trim()} {...props} />;
}
