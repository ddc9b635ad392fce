import { createHash } from "node:crypto";

import { describe, expect, test } from "vitest";

import { Sha256, sha256Hex } from "@/lib/lab/data/sha256";

function bytes(n: number, salt: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (Math.imul(i + salt, 2654435761) >>> 13) & 255;
  return b;
}

const nodeSha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("sha256", () => {
  test("known vectors", () => {
    expect(sha256Hex(new Uint8Array(0))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(sha256Hex(new TextEncoder().encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  test("equals node:crypto on every length around the block and padding edges", () => {
    for (const n of [1, 31, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65537]) {
      const b = bytes(n, n);
      expect(sha256Hex(b), `length ${n}`).toBe(nodeSha(b));
    }
  });

  test("streaming in uneven pieces gives the one-shot digest", () => {
    const b = bytes(10_000, 3);
    const s = new Sha256();
    let at = 0;
    for (const step of [1, 7, 64, 63, 65, 500, 3, 4000]) {
      s.update(b.subarray(at, Math.min(b.length, at + step)));
      at = Math.min(b.length, at + step);
    }
    s.update(b.subarray(at));
    expect(s.hex()).toBe(nodeSha(b));
  });

  test("refuses use after the digest", () => {
    const s = new Sha256();
    s.hex();
    expect(() => s.update(new Uint8Array(1))).toThrow(/after digest/);
    expect(() => s.hex()).toThrow(/twice/);
  });
});
