/** The app's one card: a titled section with optional actions at the right of the title. */
import type { ReactNode } from "react";

export const CARD_CLASS = "rounded-lg border border-border bg-surface p-4";

export function Card({
  title,
  id,
  children,
  actions,
  level = 2,
  className = "",
}: {
  title: ReactNode;
  /** Used for the heading id (`${id}-h`) and data-testid. */
  id: string;
  children: ReactNode;
  actions?: ReactNode;
  level?: 2 | 3;
  className?: string;
}) {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section
      aria-labelledby={`${id}-h`}
      className={className ? `${CARD_CLASS} ${className}` : CARD_CLASS}
      data-testid={id}
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <H id={`${id}-h`} className="text-base font-semibold">
          {title}
        </H>
        {actions}
      </div>
      {children}
    </section>
  );
}
