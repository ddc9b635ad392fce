/**
 * The cam CLI's file inputs, bounded: the repros from issue 11 each get exit 2 and one line
 * on stderr, without reading past the limit or hanging.
 */
import { spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  openSync,
  closeSync,
  ftruncateSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { ROOT } from "./run-cli";

const SHARED = resolve(ROOT, "../shared");
const MODEL = join(SHARED, "models/mobilenet_v1_0.25_224/layers/model.json");
const IMAGE = join(SHARED, "fixtures/images/dog.jpg");
const tmp = mkdtempSync(join(tmpdir(), "cam-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cam(args: string[], timeout = 60_000) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/cam.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout,
    // A read of /dev/zero into memory would pass this long before it ends.
    maxBuffer: 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

function expectOneLine(r: ReturnType<typeof cam>, re: RegExp) {
  expect(r.signal).toBeNull();
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  const lines = r.err.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(re);
  expect(r.err).not.toMatch(/\n\s+at /);
}

describe("cam CLI file inputs", () => {
  it("--image /dev/zero is refused as not a regular file, without reading it", () => {
    const r = cam(["--model", MODEL, "--image", "/dev/zero"]);
    expectOneLine(r, /^cam: --image: "\/dev\/zero" is a character device, not a regular file$/);
  });

  it("a sparse 1.5 GB image is refused by its size before it is read", () => {
    const p = join(tmp, "sparse.jpg");
    const fd = openSync(p, "w");
    ftruncateSync(fd, 1.5 * 1024 ** 3);
    closeSync(fd);
    const r = cam(["--model", MODEL, "--image", p]);
    expectOneLine(r, /--image: ".*sparse\.jpg" is 1536\.0 MB, more than the 50\.0 MB limit$/);
  });

  it("--labels /dev/zero does not hang", () => {
    const r = cam(["--model", MODEL, "--image", IMAGE, "--labels", "/dev/zero"], 30_000);
    expectOneLine(r, /--labels: "\/dev\/zero" is a character device, not a regular file$/);
  });

  it("--labels on a FIFO does not block on open", () => {
    const fifo = join(tmp, "labels.fifo");
    execFileSync("mkfifo", [fifo]);
    const r = cam(["--model", MODEL, "--image", IMAGE, "--labels", fifo], 30_000);
    expectOneLine(r, /--labels: ".*labels\.fifo" is a pipe \(FIFO\), not a regular file$/);
  });

  it("a directory, a missing file and an oversized labels file get one line each", () => {
    expectOneLine(cam(["--model", MODEL, "--image", tmp]), /--image: .* is a directory/);
    expectOneLine(
      cam(["--model", MODEL, "--image", join(tmp, "nope.jpg")]),
      /--image: cannot read .*nope\.jpg" \(no such file\)$/,
    );
    const big = join(tmp, "labels.json");
    const fd = openSync(big, "w");
    ftruncateSync(fd, 6 * 1024 * 1024);
    closeSync(fd);
    expectOneLine(
      cam(["--model", MODEL, "--image", IMAGE, "--labels", big]),
      /--labels: .* is 6\.0 MB, more than the 5\.0 MB limit$/,
    );
  });

  it("--out in a missing directory fails at once, before the analysis", () => {
    // A model that does not exist: the --out check must come first, so the message is about --out.
    const r = cam([
      "--model",
      join(tmp, "no-model.json"),
      "--image",
      IMAGE,
      "--out",
      "/nonexistent-dir/x.png",
    ]);
    expectOneLine(
      r,
      /^cam: --out: cannot write "\/nonexistent-dir\/x\.png": its directory "\/nonexistent-dir" does not exist/,
    );
  });

  it("a local model.json naming ../../../../etc/hostname is refused without reading it", () => {
    const dir = join(tmp, "a/b/c/model");
    cpSync(join(SHARED, "models/mobilenet_v1_0.25_224/layers"), dir, { recursive: true });
    const json = JSON.parse(readFileSync(join(dir, "model.json"), "utf8")) as {
      weightsManifest: { paths: string[] }[];
    };
    json.weightsManifest[0].paths = ["../../../../etc/hostname"];
    writeFileSync(join(dir, "model.json"), JSON.stringify(json));
    const r = cam(["--model", join(dir, "model.json"), "--image", IMAGE]);
    expectOneLine(
      r,
      /weight file "\.\.\/\.\.\/\.\.\/\.\.\/etc\/hostname", which is refused: it is outside the model's folder/,
    );
  });

  it("the unchanged copy still runs (the checks do not refuse a good model)", () => {
    const dir = join(tmp, "good");
    cpSync(join(SHARED, "models/mobilenet_v1_0.25_224/layers"), dir, { recursive: true });
    const out = join(tmp, "overlay.png");
    const r = cam(["--model", dir, "--image", IMAGE, "--out", out, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe("PNG");
  });
});
