/**
 * Seeded randomness for the Lab's dataset. Never Math.random: every draw follows from
 * (seed, split, index), so an image is the same on every machine and at every resolution.
 *
 * xoshiro128** (Blackman & Vigna): 128-bit state, and its step is a bijection, so two
 * different starting states never produce the same stream. The state is seeded with the
 * index and the split themselves (not only a hash of them), so two images of one dataset
 * can never share a stream, within a split or across splits.
 */

/** A 32-bit integer hash (the finaliser of MurmurHash3), for mixing seeds. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Four 32-bit words of state; not all zero. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.a = s0 >>> 0;
    this.b = s1 >>> 0;
    this.c = s2 >>> 0;
    this.d = s3 >>> 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 0x9e3779b9;
    for (let i = 0; i < 12; i++) this.nextU32(); // let the seed words diffuse
  }

  /** The stream of one item: (seed, stream, index) -> a distinct state for each triple. */
  static forItem(seed: number, stream: number, index: number): Rng {
    return new Rng(mix32(seed ^ 0x2545f491), index >>> 0, stream >>> 0, mix32(seed + 0x6a09e667));
  }

  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A uniform random permutation of 0..n-1 (Fisher-Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
