/**
 * Number formatting for the UI: exact integers with separators (5,288,548), compact counts
 * (5.29M, 0.39B as the paper prints FLOPS), byte sizes (20.3 MiB) and ratios (x2.45).
 * Locale-independent (always "," and "."), so server and client renders match.
 */

/** 5288548 -> "5,288,548". */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const neg = n < 0;
  const s = Math.round(Math.abs(n)).toString();
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ",";
    out += s[i];
  }
  return neg ? `-${out}` : out;
}

/** Significant digits without exponent or trailing zeros: (0.38581, 3) -> "0.386". */
export function formatSig(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return "0";
  const mag = Math.floor(Math.log10(Math.abs(n)));
  const decimals = Math.max(0, digits - 1 - mag);
  return Number(n.toFixed(Math.min(20, decimals))).toString();
}

const UNITS: readonly [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "K"],
];

/** 5288548 -> "5.29M"; 385814752 -> "386M". `unit` forces one (e.g. "B": "0.386B"). */
export function formatCompact(n: number, digits = 3, unit?: "K" | "M" | "B" | "T"): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const u = unit ? UNITS.find(([, s]) => s === unit) : UNITS.find(([v]) => abs >= v);
  if (!u) return formatSig(n, digits);
  return `${formatSig(n / u[0], digits)}${u[1]}`;
}

/** Paper style: billions with two decimals below 10 (0.39B, 1.8B, 37B). */
export function formatBillions(n: number): string {
  const b = n / 1e9;
  return `${formatSig(b, b < 1 ? 2 : b < 10 ? 2 : 3)}B`;
}

/** Binary byte sizes: 21322256 -> "20.3 MiB". */
export function formatBytes(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${n < 0 ? "-" : ""}${i === 0 ? String(Math.round(v)) : formatSig(v, digits)} ${units[i]}`;
}

/** 2.4512 -> "×2.45"; 1 -> "×1". */
export function formatRatio(r: number, digits = 3): string {
  return `×${formatSig(r, digits)}`;
}

/** Shape [112, 112, 32] -> "112×112×32". */
export function formatShape(shape: readonly number[]): string {
  return shape.join("×");
}
