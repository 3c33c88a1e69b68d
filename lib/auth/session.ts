/** The signed-in member of staff for this request (or null), read once per request. */
import { cache } from "react";
import { auth } from "@/lib/auth/config";
import { loadViewer } from "@/lib/dal/staff-auth";
import type { Viewer } from "./permissions";

export const currentViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const id = session?.user?.id;
  // A session issued before the account's last password change is void (loadViewer compares).
  return id ? loadViewer(id, { signedInAt: session?.signedInAt ?? null }) : null;
});
