/**
 * A second, independent implementation of the counting rules, written the way torchvision
 * and Keras build the nets (direct loops over blocks, no NetworkSpec), compared with the
 * calculator on random configurations. If the interpreter drifts from the conventions,
 * the two disagree.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calculate } from "@/lib/calculator";
import type { ModelId } from "@/lib/arch/types";

function makeDivisible(v: number, divisor = 8): number {
  let n = Math.max(divisor, Math.trunc(v + divisor / 2) - (Math.trunc(v + divisor / 2) % divisor));
  if (n < 0.9 * v) n += divisor;
  return n;
}
const same = (h: number, s: number): number => Math.floor((h + s - 1) / s);

interface Count {
  p: number; // trainable
  nt: number; // BN statistics
  m: number; // MACs
}

function counter(): Count & {
  conv: (
    h: number,
    cin: number,
    cout: number,
    k: number,
    s: number,
    g?: number,
    bias?: boolean,
  ) => number;
  bn: (c: number) => void;
  fc: (cin: number, cout: number) => void;
} {
  const c = {
    p: 0,
    nt: 0,
    m: 0,
    conv(h: number, cin: number, cout: number, k: number, s: number, g = 1, bias = false): number {
      const ho = same(h, s);
      c.p += (cin / g) * k * k * cout + (bias ? cout : 0);
      c.m += ho * ho * cout * (cin / g) * k * k;
      return ho;
    },
    bn(ch: number): void {
      c.p += 2 * ch;
      c.nt += 2 * ch;
    },
    fc(cin: number, cout: number): void {
      c.p += cin * cout + cout;
      c.m += cin * cout;
    },
  };
  return c;
}

function efficientnet(w: number, d: number, res: number, classes: number): Count {
  const c = counter();
  const blocks = [
    [1, 3, 1, 32, 16, 1],
    [6, 3, 2, 16, 24, 2],
    [6, 5, 2, 24, 40, 2],
    [6, 3, 2, 40, 80, 3],
    [6, 5, 1, 80, 112, 3],
    [6, 5, 2, 112, 192, 4],
    [6, 3, 1, 192, 320, 1],
  ];
  let h = c.conv(res, 3, makeDivisible(32 * w), 3, 2);
  c.bn(makeDivisible(32 * w));
  for (const [e, k, s, i, o, n] of blocks as number[][]) {
    for (let j = 0; j < Math.ceil(n! * d); j++) {
      const cin = makeDivisible((j === 0 ? i! : o!) * w);
      const cout = makeDivisible(o! * w);
      const hid = cin * e!;
      if (e !== 1) {
        c.conv(h, cin, hid, 1, 1);
        c.bn(hid);
      }
      h = c.conv(h, hid, hid, k!, j === 0 ? s! : 1, hid);
      c.bn(hid);
      const se = Math.max(1, Math.floor(cin * 0.25));
      c.conv(1, hid, se, 1, 1, 1, true);
      c.conv(1, se, hid, 1, 1, 1, true);
      c.conv(h, hid, cout, 1, 1);
      c.bn(cout);
    }
  }
  const top = makeDivisible(1280 * w);
  c.conv(h, makeDivisible(320 * w), top, 1, 1);
  c.bn(top);
  c.fc(top, classes);
  return c;
}

function mobilenetV1(w: number, d: number, res: number, classes: number): Count {
  const c = counter();
  const f = (x: number): number => Math.floor(x * w);
  let h = c.conv(res, 3, f(32), 3, 2);
  c.bn(f(32));
  let cin = f(32);
  for (const [o, n, s] of [
    [64, 1, 1],
    [128, 2, 2],
    [256, 2, 2],
    [512, 6, 2],
    [1024, 2, 2],
  ] as const) {
    for (let j = 0; j < Math.ceil(n * d); j++) {
      h = c.conv(h, cin, cin, 3, j === 0 ? s : 1, cin);
      c.bn(cin);
      c.conv(h, cin, f(o), 1, 1);
      c.bn(f(o));
      cin = f(o);
    }
  }
  c.conv(1, cin, classes, 1, 1, 1, true); // conv_preds
  return c;
}

function mobilenetV2(w: number, d: number, res: number, classes: number): Count {
  const c = counter();
  let cin = makeDivisible(32 * w);
  let h = c.conv(res, 3, cin, 3, 2);
  c.bn(cin);
  for (const [t, o, n, s] of [
    [1, 16, 1, 1],
    [6, 24, 2, 2],
    [6, 32, 3, 2],
    [6, 64, 4, 2],
    [6, 96, 3, 1],
    [6, 160, 3, 2],
    [6, 320, 1, 1],
  ] as const) {
    const cout = makeDivisible(o * w);
    for (let j = 0; j < Math.ceil(n * d); j++) {
      const hid = Math.round(cin * t);
      if (t !== 1) {
        c.conv(h, cin, hid, 1, 1);
        c.bn(hid);
      }
      h = c.conv(h, hid, hid, 3, j === 0 ? s : 1, hid);
      c.bn(hid);
      c.conv(h, hid, cout, 1, 1);
      c.bn(cout);
      cin = cout;
    }
  }
  const last = makeDivisible(1280 * Math.max(1, w));
  c.conv(h, cin, last, 1, 1);
  c.bn(last);
  c.fc(last, classes);
  return c;
}

function resnet50(w: number, d: number, res: number, classes: number): Count {
  const c = counter();
  const r = (x: number): number => makeDivisible(x * w);
  let h = c.conv(res, 3, r(64), 7, 2);
  c.bn(r(64));
  h = same(h, 2); // max pool
  let cin = r(64);
  for (const [planes, n, s] of [
    [64, 3, 1],
    [128, 4, 2],
    [256, 6, 2],
    [512, 3, 2],
  ] as const) {
    for (let j = 0; j < Math.ceil(n * d); j++) {
      const stride = j === 0 ? s : 1;
      const mid = r(planes);
      const out = r(planes * 4);
      if (stride !== 1 || cin !== out) {
        c.conv(h, cin, out, 1, stride);
        c.bn(out);
      }
      c.conv(h, cin, mid, 1, 1);
      c.bn(mid);
      h = c.conv(h, mid, mid, 3, stride);
      c.bn(mid);
      c.conv(h, mid, out, 1, 1);
      c.bn(out);
      cin = out;
    }
  }
  c.fc(cin, classes);
  return c;
}

/**
 * torchvision mobilenetv3.py, row by row (in, kernel, expanded, out, SE, hard-swish, stride).
 * Depth: consecutive equal rows (stride 1 after the first) repeat ceil(n * d) times.
 */
const V3_LARGE: readonly (readonly [number, number, number, number, boolean, boolean, number])[] = [
  [16, 3, 16, 16, false, false, 1],
  [16, 3, 64, 24, false, false, 2],
  [24, 3, 72, 24, false, false, 1],
  [24, 5, 72, 40, true, false, 2],
  [40, 5, 120, 40, true, false, 1],
  [40, 5, 120, 40, true, false, 1],
  [40, 3, 240, 80, false, true, 2],
  [80, 3, 200, 80, false, true, 1],
  [80, 3, 184, 80, false, true, 1],
  [80, 3, 184, 80, false, true, 1],
  [80, 3, 480, 112, true, true, 1],
  [112, 3, 672, 112, true, true, 1],
  [112, 5, 672, 160, true, true, 2],
  [160, 5, 960, 160, true, true, 1],
  [160, 5, 960, 160, true, true, 1],
];
const V3_SMALL: typeof V3_LARGE = [
  [16, 3, 16, 16, true, false, 2],
  [16, 3, 72, 24, false, false, 2],
  [24, 3, 88, 24, false, false, 1],
  [24, 5, 96, 40, true, true, 2],
  [40, 5, 240, 40, true, true, 1],
  [40, 5, 240, 40, true, true, 1],
  [40, 5, 120, 48, true, true, 1],
  [48, 5, 144, 48, true, true, 1],
  [48, 5, 288, 96, true, true, 2],
  [96, 5, 576, 96, true, true, 1],
  [96, 5, 576, 96, true, true, 1],
];

function mobilenetV3(table: typeof V3_LARGE, lastChannel: number) {
  return (w: number, d: number, res: number, classes: number): Count => {
    const c = counter();
    const adj = (x: number): number => makeDivisible(x * w);
    let h = c.conv(res, 3, adj(16), 3, 2);
    c.bn(adj(16));
    // Group the rows, then emit ceil(n * d) blocks per group.
    const groups: { row: (typeof table)[number]; n: number }[] = [];
    for (const row of table) {
      const g = groups[groups.length - 1];
      const [, k, e, o, se, hs, s] = row;
      if (g && s === 1 && g.row[3] === o && row[0] === o) {
        const [, k2, e2, , se2, hs2] = g.row;
        if (k === k2 && e === e2 && se === se2 && hs === hs2) {
          g.n++;
          continue;
        }
      }
      groups.push({ row, n: 1 });
    }
    let cin = adj(16);
    for (const { row, n } of groups) {
      const [, k, e, o, se, , s] = row;
      for (let j = 0; j < Math.ceil(n * d); j++) {
        const exp = adj(e);
        const cout = adj(o);
        if (exp !== cin) {
          c.conv(h, cin, exp, 1, 1);
          c.bn(exp);
        }
        h = c.conv(h, exp, exp, k, j === 0 ? s : 1, exp);
        c.bn(exp);
        if (se) {
          const sq = makeDivisible(Math.floor(exp / 4));
          c.conv(1, exp, sq, 1, 1, 1, true);
          c.conv(1, sq, exp, 1, 1, 1, true);
        }
        c.conv(h, exp, cout, 1, 1);
        c.bn(cout);
        cin = cout;
      }
    }
    const lastConv = 6 * cin;
    c.conv(h, cin, lastConv, 1, 1);
    c.bn(lastConv);
    const last = adj(lastChannel);
    c.fc(lastConv, last);
    c.fc(last, classes);
    return c;
  };
}

/** torchvision _efficientnet_conf V2 rows: (fused, expand, stride, in, out, layers). */
type V2Row = readonly [boolean, number, number, number, number, number];
const V2_S: readonly V2Row[] = [
  [true, 1, 1, 24, 24, 2],
  [true, 4, 2, 24, 48, 4],
  [true, 4, 2, 48, 64, 4],
  [false, 4, 2, 64, 128, 6],
  [false, 6, 1, 128, 160, 9],
  [false, 6, 2, 160, 256, 15],
];
const V2_M: readonly V2Row[] = [
  [true, 1, 1, 24, 24, 3],
  [true, 4, 2, 24, 48, 5],
  [true, 4, 2, 48, 80, 5],
  [false, 4, 2, 80, 160, 7],
  [false, 6, 1, 160, 176, 14],
  [false, 6, 2, 176, 304, 18],
  [false, 6, 1, 304, 512, 5],
];
const V2_L: readonly V2Row[] = [
  [true, 1, 1, 32, 32, 4],
  [true, 4, 2, 32, 64, 7],
  [true, 4, 2, 64, 96, 7],
  [false, 4, 2, 96, 192, 10],
  [false, 6, 1, 192, 224, 19],
  [false, 6, 2, 224, 384, 25],
  [false, 6, 1, 384, 640, 7],
];

function efficientnetV2(table: readonly V2Row[]) {
  return (w: number, d: number, res: number, classes: number): Count => {
    const c = counter();
    const adj = (x: number): number => makeDivisible(x * w);
    const stem = adj(table[0]![3]);
    let h = c.conv(res, 3, stem, 3, 2);
    c.bn(stem);
    let cin = stem;
    for (const [fused, e, s, , o, n] of table) {
      const cout = adj(o);
      for (let j = 0; j < Math.ceil(n * d); j++) {
        const stride = j === 0 ? s : 1;
        const exp = makeDivisible(cin * e);
        if (fused) {
          if (exp !== cin) {
            h = c.conv(h, cin, exp, 3, stride);
            c.bn(exp);
            c.conv(h, exp, cout, 1, 1);
          } else {
            h = c.conv(h, cin, cout, 3, stride);
          }
          c.bn(cout);
        } else {
          if (exp !== cin) {
            c.conv(h, cin, exp, 1, 1);
            c.bn(exp);
          }
          h = c.conv(h, exp, exp, 3, stride, exp);
          c.bn(exp);
          const sq = Math.max(1, Math.floor(cin / 4));
          c.conv(1, exp, sq, 1, 1, 1, true);
          c.conv(1, sq, exp, 1, 1, 1, true);
          c.conv(h, exp, cout, 1, 1);
          c.bn(cout);
        }
        cin = cout;
      }
    }
    const top = adj(1280);
    c.conv(h, cin, top, 1, 1);
    c.bn(top);
    c.fc(top, classes);
    return c;
  };
}

const IMPLS: Record<ModelId, (w: number, d: number, r: number, k: number) => Count> = {
  efficientnet,
  mobilenetv1: mobilenetV1,
  mobilenetv2: mobilenetV2,
  resnet50,
  mobilenetv3large: mobilenetV3(V3_LARGE, 1280),
  mobilenetv3small: mobilenetV3(V3_SMALL, 1024),
  efficientnetv2s: efficientnetV2(V2_S),
  efficientnetv2m: efficientnetV2(V2_M),
  efficientnetv2l: efficientnetV2(V2_L),
};

describe("calculator agrees with an independent implementation", () => {
  for (const model of Object.keys(IMPLS) as ModelId[]) {
    it(`${model}: random width, depth, resolution (odd too) and classes`, () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.1, max: 4, noNaN: true }),
          fc.double({ min: 0.1, max: 4, noNaN: true }),
          fc.integer({ min: 32, max: 900 }),
          fc.integer({ min: 1, max: 20000 }),
          (w, d, res, classes) => {
            const want = IMPLS[model](w, d, res, classes);
            const got = calculate({
              model,
              classes,
              scaling: { kind: "explicit", width: w, depth: d, resolution: res },
            }).totals;
            expect(got.trainableParams).toBe(want.p);
            expect(got.nonTrainableParams).toBe(want.nt);
            expect(got.macs).toBe(want.m);
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
