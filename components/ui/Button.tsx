/** The app's one button style: variants as class strings (for links too) and a Button. */
import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "default" | "primary" | "small" | "ghost";

const BASE =
  "inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50";

export const BUTTON_CLASS: Readonly<Record<ButtonVariant, string>> = {
  default: `${BASE} border border-border bg-surface px-3 py-1.5 text-sm hover:bg-border/60`,
  primary: `${BASE} bg-accent px-3 py-1.5 text-sm text-white hover:opacity-90 dark:text-slate-950`,
  small: `${BASE} border border-border px-2 py-0.5 text-xs hover:bg-border/60`,
  ghost: `${BASE} px-2 py-1 text-sm text-muted hover:bg-border/60 hover:text-foreground`,
};

/** Class string of a variant, for `<a>`/`<Link>` that look like buttons. */
export function buttonClass(variant: ButtonVariant = "default", extra = ""): string {
  return extra ? `${BUTTON_CLASS[variant]} ${extra}` : BUTTON_CLASS[variant];
}

export function Button({
  variant = "default",
  className = "",
  type = "button",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={buttonClass(variant, className)} {...rest} />;
}
