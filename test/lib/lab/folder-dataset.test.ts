import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { decodeImageNode } from "@/lib/image/decode-node";
import { planResize, resizeToInput } from "@/lib/image/resize";
import { LabDatasetError } from "@/lib/lab/dataset";
import { classFolders, folderDataset } from "@/lib/lab/folder-dataset";
import { folderDatasetFromDisk, readFolderTree } from "@/lib/lab/folder-node";

const PHOTOS = join(__dirname, "../../../../shared/fixtures/images");

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "lab-folder-"));
  // animals/: two photos and a damaged JPEG; people/: two photos; notes.txt at the top.
  mkdirSync(join(root, "set", "animals"), { recursive: true });
  mkdirSync(join(root, "set", "people"), { recursive: true });
  copyFileSync(join(PHOTOS, "dog.jpg"), join(root, "set", "animals", "dog.jpg"));
  copyFileSync(join(PHOTOS, "kite.jpg"), join(root, "set", "animals", "kite.jpg"));
  writeFileSync(
    join(root, "set", "animals", "broken.jpg"),
    new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2]),
  );
  copyFileSync(join(PHOTOS, "person.jpg"), join(root, "set", "people", "person.jpg"));
  copyFileSync(join(PHOTOS, "scream.jpg"), join(root, "set", "people", "scream.jpg"));
  writeFileSync(join(root, "set", "notes.txt"), "class folders below");
  // A folder with one class only.
  mkdirSync(join(root, "one", "dogs"), { recursive: true });
  copyFileSync(join(PHOTOS, "dog.jpg"), join(root, "one", "dogs", "dog.jpg"));
  // A folder whose only image is damaged.
  mkdirSync(join(root, "bad", "a"), { recursive: true });
  mkdirSync(join(root, "bad", "b"), { recursive: true });
  writeFileSync(join(root, "bad", "a", "x.png"), "not a png");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("folder dataset", () => {
  test("one class per subfolder; damaged and stray files are skipped and named", async () => {
    const { dataset, skipped } = await folderDatasetFromDisk(join(root, "set"), {
      resolution: 48,
      seed: 3,
    });
    expect(dataset.kind).toBe("folder");
    expect(dataset.classes).toEqual(["animals", "people"]);
    expect(dataset.count).toBe(4);
    expect(Array.from(dataset.labels)).toEqual([0, 0, 1, 1]);
    expect(dataset.boxes).toBeNull();
    expect(dataset.seed).toBe(3);
    expect(dataset.resolution).toBe(48);
    expect(dataset.images.length).toBe(4 * 48 * 48 * 3);
    expect(dataset.images.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(skipped.map((s) => s.path).sort()).toEqual(["animals/broken.jpg", "notes.txt"]);
    expect(skipped.find((s) => s.path === "animals/broken.jpg")!.reason).toMatch(
      /animals\/broken\.jpg .*(damaged|truncated)/,
    );
    expect(skipped.find((s) => s.path === "notes.txt")!.reason).toMatch(
      /not inside a class folder/,
    );
  });

  test("images are the photos centre-cropped and resized by the app's own resampler", async () => {
    const files = await readFolderTree(join(root, "set"));
    const { dataset } = await folderDataset(files, {
      resolution: 32,
      seed: 0,
      decode: decodeImageNode,
    });
    // Sorted by class then path: animals/dog.jpg is image 0.
    const dog = await decodeImageNode(files.find((f) => f.path === "animals/dog.jpg")!.bytes);
    const plan = planResize(dog.image.width, dog.image.height, 32, 32, "crop");
    const want = resizeToInput(dog.image, plan).map((v) => v / 255);
    const got = dataset.images.subarray(0, 32 * 32 * 3);
    let maxDiff = 0;
    for (let i = 0; i < want.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
    expect(maxDiff).toBeLessThan(1e-6);
    // Deterministic.
    const again = await folderDataset(files, { resolution: 32, seed: 0, decode: decodeImageNode });
    expect(again.dataset.sha256).toBe(dataset.sha256);
  });

  test("a folder with one class is an error naming the class", async () => {
    const run = folderDatasetFromDisk(join(root, "one"), { resolution: 32, seed: 0 });
    await expect(run).rejects.toBeInstanceOf(LabDatasetError);
    await expect(run).rejects.toThrow(/1 class \(dogs\); at least two class subfolders/);
  });

  test("a folder with no readable image is an error naming the skipped files", async () => {
    const run = folderDatasetFromDisk(join(root, "bad"), { resolution: 32, seed: 0 });
    await expect(run).rejects.toMatchObject({ code: "no-images" });
    await expect(run).rejects.toThrow(/no readable images.*1 file skipped: a\/x\.png/);
    await expect(
      folderDataset([], { resolution: 32, seed: 0, decode: decodeImageNode }),
    ).rejects.toMatchObject({ code: "no-images" });
    await expect(
      folderDatasetFromDisk(join(root, "missing"), { resolution: 32, seed: 0 }),
    ).rejects.toThrow(/does not exist/);
  });

  test("bad options are refused before decoding", async () => {
    const files = await readFolderTree(join(root, "set"));
    await expect(
      folderDataset(files, { resolution: 3, seed: 0, decode: decodeImageNode }),
    ).rejects.toThrow(/resolution must be/);
    await expect(
      folderDataset(files, { resolution: 32, seed: -2, decode: decodeImageNode }),
    ).rejects.toThrow(/seed must be/);
  });

  test("class folders: a shared top folder is dropped; hidden and top-level files have reasons", () => {
    expect(classFolders(["pics/a/1.jpg", "pics/b/2.jpg", "pics/b/x/3.jpg"])).toEqual([
      { cls: "a" },
      { cls: "b" },
      { cls: "b" },
    ]);
    expect(classFolders(["a\\1.jpg", "./b/2.jpg"])).toEqual([{ cls: "a" }, { cls: "b" }]);
    const r = classFolders(["a/1.jpg", "top.jpg", "a/.DS_Store", "b/Thumbs.db"]);
    expect(r[0]).toEqual({ cls: "a" });
    expect(r[1]).toEqual({ reason: expect.stringMatching(/not inside a class folder/) });
    expect(r[2]).toEqual({ reason: expect.stringMatching(/hidden/) });
    expect(r[3]).toEqual({ reason: expect.stringMatching(/system file/) });
  });
});
