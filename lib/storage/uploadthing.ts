/**
 * UploadThing, switched on by UPLOADTHING_TOKEN. Files are uploaded from the server after they
 * have been checked and re-encoded (the browser never uploads straight to the bucket), under the
 * platform's own key as `customId`, and read back through short-lived signed URLs.
 */
import { UTApi, UTFile } from "uploadthing/server";
import type { FileStorage } from "./types";

export function uploadThingStorage(token: string): FileStorage {
  const api = new UTApi({ token });
  return {
    kind: "uploadthing",
    async put(key, bytes, mimeType) {
      const file = new UTFile([new Uint8Array(bytes)], key.split("/").pop()!, { type: mimeType, customId: key });
      // The app's default ACL applies; README recommends "private" (files are only ever served
      // through /files/[id], which re-checks who may see them).
      const result = await api.uploadFiles(file);
      if (result.error) throw new Error(`UploadThing upload failed: ${result.error.message}`);
    },
    async get(key) {
      let ufsUrl: string;
      try {
        ({ ufsUrl } = await api.getSignedURL(key, { expiresIn: 60, keyType: "customId" }));
      } catch (error) {
        // By customId the API must find the file before it can sign a URL: no such file is its 404
        // here, before the file host is ever asked.
        if (isNotFound(error)) return null;
        throw error;
      }
      const response = await fetch(ufsUrl);
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`UploadThing download failed: ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    async delete(key) {
      await api.deleteFiles(key, { keyType: "customId" });
    },
  };
}

/** The SDK throws its HTTP client's ResponseError, which carries the API's response. */
function isNotFound(error: unknown): boolean {
  return (error as { response?: { status?: unknown } } | null)?.response?.status === 404;
}
