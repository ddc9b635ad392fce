/**
 * Node only (CLI, tests, benchmarks): read a folder tree into the files folderDataset takes,
 * and decode them with sharp. Not for the browser bundle.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

import { decodeImageNode } from "../image/decode-node";
import { LabDatasetError } from "./dataset";
import { type FolderFile, folderDataset, MAX_FOLDER_FILES } from "./folder-dataset";

/** Every regular file under `dir`, with its path relative to `dir` ("class/file.jpg"). */
export async function readFolderTree(dir: string): Promise<FolderFile[]> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new LabDatasetError("no-images", `the folder ${dir} does not exist.`);
  }
  if (!info.isDirectory()) {
    throw new LabDatasetError("no-images", `${dir} is a file, not a folder of class subfolders.`);
  }
  const paths: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) paths.push(p);
      if (paths.length > MAX_FOLDER_FILES) {
        throw new LabDatasetError(
          "too-many-files",
          `${dir} holds more than ${MAX_FOLDER_FILES} files; the limit is ${MAX_FOLDER_FILES}.`,
        );
      }
    }
  };
  await walk(dir);
  const files: FolderFile[] = [];
  for (const p of paths) {
    files.push({
      path: relative(dir, p).split(sep).join("/"),
      bytes: new Uint8Array(await readFile(p)),
    });
  }
  return files;
}

/** folderDataset on a folder on disk, decoded with sharp. */
export async function folderDatasetFromDisk(
  dir: string,
  opts: { resolution: number; seed: number },
): ReturnType<typeof folderDataset> {
  return folderDataset(await readFolderTree(dir), { ...opts, decode: decodeImageNode });
}
