/**
 * Run by upload-crash.test.ts as a server of its own: uploads one photo and stops for good at the
 * point CRASH_AT names, prints `PAUSED`, and waits to be killed there (SIGKILL: no cleanup runs).
 * - `before-files`: the row is recorded, no file written yet;
 * - `mid-write`: half of the first file is on disk, as a write the kill interrupted;
 * - `between-files`: the display file is written, the original not yet.
 */
import { writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { useStorage } from "@/lib/storage";
import { localStorage } from "@/lib/storage/local";
import { createUpload } from "./attachments";

const root = process.env.UPLOAD_ROOT!;
const at = process.env.CRASH_AT;
const base = localStorage(root);
let puts = 0;

const pause = (): Promise<never> => {
  process.stdout.write("PAUSED\n");
  return new Promise<never>(() => setInterval(() => undefined, 1000));
};

useStorage({
  ...base,
  async put(key, bytes, mimeType) {
    puts++;
    if (at === "before-files") return pause();
    if (at === "mid-write") {
      const file = path.join(root, key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(`${file}.${process.pid}.partial`, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return pause();
    }
    await base.put(key, bytes, mimeType);
    if (at === "between-files" && puts === 1) return pause();
  },
});

const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: "#385" } })
  .jpeg()
  .toBuffer();
await createUpload({ bytes: photo, originalName: "rue.jpg" });
process.stdout.write("DONE\n");
process.exit(0);
