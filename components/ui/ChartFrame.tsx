"use client";
/**
 * The app's one chart frame: a titled figure around a recharts chart with a caption and
 * SVG / PNG export of what is drawn (title on top, legend redrawn below, theme colours).
 */
import { useTranslations } from "next-intl";
import { useRef, type ReactNode } from "react";

import { CHART_THEMES, useIsDark } from "@/components/charts/useIsDark";

import { DownloadButton } from "./DownloadButton";
import { findChartSvg, standaloneSvg, svgBlob, svgToPng } from "./chartExport";
import { MIME } from "./download";

export function ChartFrame({
  id,
  title,
  note,
  exportTitle,
  filename,
  caption,
  height,
  children,
  footer,
}: {
  /** data-testid is `chart-${id}`; export buttons `export-svg-${id}`, `export-png-${id}`. */
  id: string;
  title: ReactNode;
  /** Muted text after the title, e.g. "(paper figure 5)". */
  note?: ReactNode;
  /** Title written into the exported image (plain text). */
  exportTitle: string;
  /** File name without extension. */
  filename: string;
  caption?: ReactNode;
  /** Height of the chart box in px; the chart fills it. Unset: the chart sizes itself. */
  height?: number;
  children: ReactNode;
  /** Extra content under the chart (a custom legend). */
  footer?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const theme = CHART_THEMES[useIsDark() ? "dark" : "light"];
  const t = useTranslations("common.ui.chartFrame");
  const svgText = (): string => {
    const svg = box.current ? findChartSvg(box.current) : null;
    if (!svg) throw new Error(t("notDrawn"));
    return standaloneSvg(
      svg,
      { background: theme.background, color: theme.text, title: exportTitle },
      box.current,
    );
  };
  return (
    <figure
      className="min-w-0 space-y-2 rounded-lg border border-border bg-surface p-3"
      data-testid={`chart-${id}`}
    >
      <figcaption className="flex items-start justify-between gap-2">
        <span className="min-w-0 text-sm font-semibold">
          {title} {note && <span className="font-normal text-muted">{note}</span>}
        </span>
        <span className="flex shrink-0 gap-1">
          <DownloadButton
            variant="small"
            testId={`export-svg-${id}`}
            title={t("svgTitle")}
            make={() => ({ data: svgBlob(svgText()), filename: `${filename}.svg`, type: MIME.svg })}
          >
            {t("svg")}
          </DownloadButton>
          <DownloadButton
            variant="small"
            testId={`export-png-${id}`}
            title={t("pngTitle")}
            make={async () => ({ data: await svgToPng(svgText()), filename: `${filename}.png` })}
          >
            {t("png")}
          </DownloadButton>
        </span>
      </figcaption>
      <div ref={box} style={height ? { height } : undefined}>
        {children}
      </div>
      {footer}
      {caption && <p className="text-xs text-muted">{caption}</p>}
    </figure>
  );
}
