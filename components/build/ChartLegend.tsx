"use client";
/**
 * A recharts legend without recharts' English "<name> legend icon" labels: the same item
 * markup (class recharts-legend-item, an icon whose fill or stroke is the series colour)
 * that components/ui/chartExport.ts redraws in exports, with the icons hidden from
 * assistive technology. (Shared by /build and /compare charts.)
 */
import type { ReactNode } from "react";

interface Entry {
  readonly value?: unknown;
  readonly color?: string;
  readonly type?: string;
}

export function chartLegend(props: { payload?: readonly Entry[] }): ReactNode {
  const items = (props.payload ?? []).filter((e) => e.type !== "none");
  return (
    <ul className="recharts-default-legend flex flex-wrap justify-center gap-x-3 gap-y-0.5">
      {items.map((e, i) => (
        <li key={i} className="recharts-legend-item inline-flex items-center gap-1">
          <svg width={10} height={10} viewBox="0 0 10 10" aria-hidden="true">
            {e.type === "line" ? (
              <line x1={0} y1={5} x2={10} y2={5} stroke={e.color} strokeWidth={2} />
            ) : (
              <circle cx={5} cy={5} r={4} fill={e.color} />
            )}
          </svg>
          <span style={{ color: e.color }}>{String(e.value ?? "")}</span>
        </li>
      ))}
    </ul>
  );
}
