/**
 * The phone's copy of the report being written (one draft) and of the reports waiting for the
 * network (the queue), in IndexedDB so that files survive a reload or a closed tab.
 */
import { createStore, del, get, set, update, type UseStore } from "idb-keyval";
import type { QueueStore } from "./queue";
import type { QueuedReport, ReportDraft } from "./types";

let database: UseStore | null = null;
const db = () => (database ??= createStore("e-reclamations", "report"));

const DRAFT = "draft";
const QUEUE = "queue";

export const loadDraft = () => get<ReportDraft>(DRAFT, db()).catch(() => undefined);
export const saveDraft = (draft: ReportDraft) => set(DRAFT, draft, db());
export const clearDraft = () => del(DRAFT, db());

type Queue = Record<string, QueuedReport>;

export const reportQueue: QueueStore = {
  list: async () => Object.values((await get<Queue>(QUEUE, db())) ?? {}),
  put: (report) => update<Queue>(QUEUE, (queue) => ({ ...(queue ?? {}), [report.idempotencyKey]: report }), db()),
  remove: (key) =>
    update<Queue>(
      QUEUE,
      (queue) => {
        const { [key]: _gone, ...rest } = queue ?? {};
        return rest;
      },
      db(),
    ),
};
