import type { ButtonHTMLAttributes } from "react";

type Appearance = "primary" | "secondary" | "subtle" | "danger";

const appearanceClass: Record<Appearance, string> = {
  primary: "utrecht-button--primary-action",
  secondary: "utrecht-button--secondary-action",
  subtle: "utrecht-button--subtle",
  danger: "utrecht-button--secondary-action utrecht-button--danger",
};

export function Button({
  appearance = "primary",
  className,
  busy,
  type = "submit",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: Appearance; busy?: boolean }) {
  return (
    <button
      type={type}
      aria-busy={busy || undefined}
      className={["utrecht-button", "utrecht-button--html-button", appearanceClass[appearance], busy ? "utrecht-button--busy" : "", className ?? ""]
        .filter(Boolean)
        .join(" ")}
      {...props}
    />
  );
}
