/**
 * Reading and writing the files a person names on a command line, bounded: only regular files
 * are read (never /dev/zero, a FIFO or a directory), the size is checked from fstat before a
 * byte is read (a sparse 1.5 GB file is refused at once), and the read itself stops at the cap
 * in case the file grows meanwhile. An output path is checked before any work is done.
 * Every problem is a FileInputError whose message names the option and the file.
 */
import { accessSync, closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { formatBytes } from "../lib/image/limits";
import type { FetchLike } from "../lib/tfjs/model-load";

export class FileInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileInputError";
  }
}

/** Caps for the files the CLIs read (images use IMAGE_LIMITS.maxBytes). */
export const FILE_LIMITS = {
  /** A labels file: 1000 ImageNet names are ~30 KB. */
  labelsBytes: 5 * 1024 * 1024,
  /** One model file (model.json or a weight shard); MobileNet v1 1.0 is 17 MB in all. */
  modelFileBytes: 512 * 1024 * 1024,
} as const;

/** Longest file name echoed back in a message. */
const MAX_ECHO = 200;

export function echoPath(p: string): string {
  const s = p.length > MAX_ECHO ? `${p.slice(0, MAX_ECHO)}...` : p;
  return JSON.stringify(s);
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return code ?? "read error";
  }
}

function kindOf(st: import("node:fs").Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isFIFO()) return "a pipe (FIFO)";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Reads a regular file of at most maxBytes. `what` names the option ("--image") for messages.
 * Throws FileInputError; never reads more than maxBytes + 1 bytes.
 */
export function readFileSafe(path: string, maxBytes: number, what: string): Uint8Array {
  const name = echoPath(path);
  // stat by path first: opening a FIFO for reading would block until a writer appears.
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new FileInputError(`${what}: cannot read ${name} (${reason(e)})`);
  }
  if (!st.isFile()) {
    throw new FileInputError(`${what}: ${name} is ${kindOf(st)}, not a regular file`);
  }
  let fd: number;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO after the stat, open still returns.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new FileInputError(`${what}: cannot read ${name} (${reason(e)})`);
  }
  try {
    const fst = fstatSync(fd);
    if (!fst.isFile()) {
      throw new FileInputError(`${what}: ${name} is ${kindOf(fst)}, not a regular file`);
    }
    if (fst.size > maxBytes) {
      throw new FileInputError(
        `${what}: ${name} is ${formatBytes(fst.size)}, more than the ${formatBytes(maxBytes)} limit`,
      );
    }
    // Read with a cap: at most maxBytes + 1, so a file that grew since fstat is still refused.
    const buf = new Uint8Array(Math.min(maxBytes + 1, Math.max(fst.size, 0) + 65536));
    let got = 0;
    for (;;) {
      if (got === buf.length) break;
      let n: number;
      try {
        n = readSync(fd, buf, got, buf.length - got, null);
      } catch (e) {
        throw new FileInputError(`${what}: cannot read ${name} (${reason(e)})`);
      }
      if (n === 0) break;
      got += n;
    }
    if (got > maxBytes) {
      throw new FileInputError(
        `${what}: ${name} is more than the ${formatBytes(maxBytes)} limit (it grew while being read)`,
      );
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Reads a UTF-8 text file with the same checks. */
export function readTextFileSafe(path: string, maxBytes: number, what: string): string {
  return new TextDecoder("utf-8").decode(readFileSafe(path, maxBytes, what));
}

/**
 * Checks, before any work, that `path` can be written: its directory exists, is a directory
 * and is writable, and the path itself is not a directory or a special file.
 */
export function checkWritablePath(path: string, what: string): void {
  const name = echoPath(path);
  const abs = resolve(path);
  const dir = dirname(abs);
  let dst;
  try {
    dst = statSync(dir);
  } catch (e) {
    throw new FileInputError(
      `${what}: cannot write ${name}: its directory ${echoPath(dir)} does not exist (${reason(e)})`,
    );
  }
  if (!dst.isDirectory()) {
    throw new FileInputError(`${what}: cannot write ${name}: ${echoPath(dir)} is not a directory`);
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new FileInputError(
      `${what}: cannot write ${name}: the directory ${echoPath(dir)} is not writable`,
    );
  }
  let st;
  try {
    st = statSync(abs);
  } catch {
    return; // does not exist yet: fine
  }
  if (!st.isFile()) {
    throw new FileInputError(`${what}: cannot write ${name}: it is ${kindOf(st)}`);
  }
  try {
    accessSync(abs, constants.W_OK);
  } catch {
    throw new FileInputError(`${what}: cannot write ${name}: the file is not writable`);
  }
}

/**
 * A fetch for model loading that reads file: URLs from disk (bounded by FILE_LIMITS, a missing
 * file is a 404 as a server would say) and passes other URLs to the network.
 */
export function fileFetcher(what = "--model"): FetchLike {
  return async (u) => {
    const url = new URL(u);
    if (url.protocol !== "file:") return fetch(u);
    const path = fileURLToPath(url);
    try {
      statSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return new Response(null, { status: 404, statusText: code });
    }
    const bytes = readFileSafe(path, FILE_LIMITS.modelFileBytes, what);
    return new Response(bytes as Uint8Array<ArrayBuffer>);
  };
}
