/**
 * Which point labels to show so that none overlaps another: labels are taken in priority
 * order (lower first) and a label is kept only if its box, grown by `pad`, meets no kept
 * box. Pure; the chart measures the boxes (SVG getBBox) and hides the rest, whose names
 * stay in the points' tooltips. On a phone-width chart the crowded clusters (NASNet-A and
 * SENet, DenseNet-264 and ResNet-152, ...) would otherwise print over each other.
 */
export interface LabelBox {
  readonly priority: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Boxes of one group never block each other (a label and its own point). */
  readonly group?: string;
}

/** For each box (input order), whether to show it. */
export function visibleLabels(boxes: readonly LabelBox[], pad = 1): boolean[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.priority - boxes[b]!.priority);
  const kept: LabelBox[] = [];
  const show = new Array<boolean>(boxes.length).fill(false);
  for (const i of order) {
    const b = boxes[i]!;
    const hit = kept.some(
      (k) =>
        (b.group === undefined || b.group !== k.group) &&
        b.x - pad < k.x + k.width &&
        k.x - pad < b.x + b.width &&
        b.y - pad < k.y + k.height &&
        k.y - pad < b.y + b.height,
    );
    if (!hit) {
      kept.push(b);
      show[i] = true;
    }
  }
  return show;
}
