/** The embedded default: files on the local disk, under DATA_DIR/uploads, outside `public/`. */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { STORAGE_KEY, type FileStorage } from "./types";

export function localStorage(root: string): FileStorage {
  const fileOf = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    kind: "local",
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, file);
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    async *list(olderThan) {
      // Keys are yyyy/mm/<file>: two levels of folders, nothing else is ever written here.
      const entries = async (dir: string) =>
        (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => /^\d{2,4}$/.test(e.name) && e.isDirectory());
      for (const year of await entries(root)) {
        for (const month of await entries(path.join(root, year.name))) {
          const dir = path.join(root, year.name, month.name);
          for (const name of await readdir(dir).catch(() => [] as string[])) {
            const info = await stat(path.join(dir, name)).catch(() => null);
            if (!info?.isFile() || info.mtime >= olderThan) continue;
            const key = `${year.name}/${month.name}/${name}`;
            if (name.endsWith(".partial")) yield { key, partial: true };
            else if (STORAGE_KEY.test(key)) yield { key, partial: false };
          }
        }
      }
    },
    async deletePartial(key: string) {
      if (!/\.partial$/.test(key) || key.includes("..")) throw new Error(`not a partial file: ${key}`);
      await rm(path.join(root, key), { force: true });
    },
  };
}
