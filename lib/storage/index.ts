/** The file storage chosen from the environment: UploadThing when UPLOADTHING_TOKEN is set, else local disk. */
import path from "node:path";
import { env } from "@/lib/env";
import { localStorage } from "./local";
import type { FileStorage } from "./types";
import { uploadThingStorage } from "./uploadthing";

export type { FileStorage } from "./types";

let current: FileStorage | undefined;

export function getStorage(): FileStorage {
  if (!current) {
    const { uploadthingToken, dataDir } = env();
    current = uploadthingToken ? uploadThingStorage(uploadthingToken) : localStorage(path.join(dataDir, "uploads"));
  }
  return current;
}

/** Tests point the platform at a storage of their own. */
export function useStorage(storage: FileStorage): void {
  current = storage;
}
