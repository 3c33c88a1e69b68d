"use client";

/**
 * On the confirmation page: the report written on this phone has been filed, so its draft (and the
 * idempotency key it carried) must not come back in the next report's form.
 */
import { useEffect } from "react";
import { clearDraft } from "./store";

export function ForgetDraft() {
  useEffect(() => {
    void clearDraft().catch(() => undefined);
  }, []);
  return null;
}
