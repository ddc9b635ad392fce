/**
 * Finished (and partial) experiments in IndexedDB, so a reload shows them. Works in pages and
 * workers; without IndexedDB (Node) every call says so by throwing.
 */
import type { ExperimentResult } from "./results";

export const LAB_DB = "scaling-lab";
const STORE = "experiments";
const VERSION = 1;

/** tf.loadLayersModel / model.save URL of a run's trained model. */
export function labModelUrl(experimentId: string, runId: string): string {
  return `indexeddb://scaling-lab/${experimentId}/${runId}`;
}

function idb(): IDBFactory {
  const f = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!f) throw new Error("IndexedDB is not available here");
  return f;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("IndexedDB request failed"));
  });
}

function open(): Promise<IDBDatabase> {
  const r = idb().open(LAB_DB, VERSION);
  r.onupgradeneeded = () => {
    if (!r.result.objectStoreNames.contains(STORE))
      r.result.createObjectStore(STORE, { keyPath: "id" });
  };
  return request(r);
}

async function withStore<T>(
  mode: IDBTransactionMode,
  f: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const out = await request(f(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
    return out;
  } finally {
    db.close();
  }
}

export async function saveExperiment(e: ExperimentResult): Promise<void> {
  await withStore("readwrite", (s) => s.put(e));
}

/** Newest first. */
export async function loadExperiments(): Promise<ExperimentResult[]> {
  const all = (await withStore("readonly", (s) => s.getAll())) as ExperimentResult[];
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function deleteExperiment(id: string): Promise<void> {
  await withStore("readwrite", (s) => s.delete(id));
}
