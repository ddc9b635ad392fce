"use client";
/**
 * 2 · Images: drop, pick, paste or fetch photos; the sample photos; the Lab's test images
 * (with their true boxes); the thumbnails.
 */
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { formatBytes, IMAGE_LIMITS } from "@/lib/image/limits";
import type { RgbaImage } from "@/lib/image/rgba";

import { SAMPLE_IMAGES } from "./presets";
import { type Problem, ProblemText } from "./rich";
import { btnCls, cardCls, selectCls } from "./styles";
import type { ImageEntry } from "./types";

interface Props {
  images: readonly ImageEntry[];
  activeId: string | null;
  errors: readonly Problem[];
  onFiles(files: FileList | File[] | null): void;
  onUrl(url: string): void;
  onSample(file: string): void;
  /** Adds the next few Lab test images, each with its object's true box. */
  onLabImages(): void;
  /** Which Lab images were added, from which dataset. */
  labNote: Problem | null;
  onSelect(id: string): void;
  onRemove(id: string): void;
}

export function ImagesCard(p: Props) {
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState("");
  const t = useTranslations("cam.images");
  return (
    <div className={cardCls}>
      <h2 className="mb-3 font-semibold">{t("title")}</h2>
      <label
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          p.onFiles(e.dataTransfer.files);
        }}
        // The input is visually hidden: the label shows its keyboard focus.
        className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-md border-2 border-dashed p-5 text-center text-sm has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2 has-[input:focus-visible]:outline-accent ${dragging ? "border-accent bg-accent/10" : "border-border"}`}
      >
        <span className="font-medium">{t("drop")}</span>
        <span className="text-xs text-muted">
          {t("formats", {
            size: formatBytes(IMAGE_LIMITS.maxBytes),
            megapixels: IMAGE_LIMITS.maxPixels / 1e6,
          })}
        </span>
        <input
          type="file"
          multiple
          accept="image/*,.bmp"
          className="sr-only"
          data-testid="image-files"
          onChange={(e) => {
            p.onFiles(e.target.files);
            e.target.value = "";
          }}
        />
      </label>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted">{t("samples")}</span>
        {SAMPLE_IMAGES.map((s) => (
          <button
            key={s.file}
            type="button"
            className="underline"
            onClick={() => p.onSample(s.file)}
            data-testid={`sample-${s.file}`}
          >
            {t(`sample.${s.key}`)}
          </button>
        ))}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <button
          type="button"
          className={btnCls}
          onClick={p.onLabImages}
          data-testid="add-lab-images"
          aria-describedby="lab-images-hint"
        >
          {t("addLab")}
        </button>
        <span id="lab-images-hint" className="min-w-0 flex-1 text-xs text-muted">
          {t("labHint")}
        </span>
      </div>
      {p.labNote && (
        <p className="mt-1 text-xs text-muted" data-testid="lab-images-note" aria-live="polite">
          <ProblemText p={p.labNote} />
        </p>
      )}
      <div className="mt-2 flex gap-2">
        <input
          className={`${selectCls} min-w-0 flex-1`}
          placeholder={t("urlPlaceholder")}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-label={t("urlLabel")}
          data-testid="image-url"
        />
        <button type="button" className={btnCls} onClick={() => p.onUrl(url)}>
          {t("fetch")}
        </button>
      </div>
      {p.errors.length > 0 && (
        <ul
          role="alert"
          className="mt-2 space-y-1 text-sm text-red-600 dark:text-red-400"
          data-testid="image-errors"
        >
          {p.errors.map((e, i) => (
            <li key={i}>
              <ProblemText p={e} />
            </li>
          ))}
        </ul>
      )}
      <ul className="mt-3 flex flex-wrap gap-2" data-testid="image-list">
        {p.images.map((im) => (
          <li key={im.id} className="relative">
            <button
              type="button"
              onClick={() => p.onSelect(im.id)}
              aria-pressed={p.activeId === im.id}
              title={im.name}
              translate="no"
              className={`block h-16 w-20 overflow-hidden rounded-md border-2 ${p.activeId === im.id ? "border-accent" : "border-border"}`}
            >
              {im.display ? (
                <Thumb img={im.display} />
              ) : (
                <span className="text-xs text-muted">{t("decoding")}</span>
              )}
            </button>
            <button
              type="button"
              aria-label={t("remove", { name: im.name })}
              onClick={() => p.onRemove(im.id)}
              className="absolute -top-1.5 -right-1.5 h-5 w-5 rounded-full border border-border bg-surface text-xs leading-none"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Thumb({ img }: { img: RgbaImage }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    c.width = img.width;
    c.height = img.height;
    c.getContext("2d")?.putImageData(
      new ImageData(new Uint8ClampedArray(img.data), img.width, img.height),
      0,
      0,
    );
  }, [img]);
  return <canvas ref={ref} className="h-full w-full object-cover" />;
}
