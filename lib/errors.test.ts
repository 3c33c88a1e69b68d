import { describe, expect, it } from "vitest";
import { AppError, areaOf, isCodeOf, isForbidden, isForbiddenError, isTranslated } from "./errors";

describe("error codes", () => {
  it("sorts a code by its area: forbidden, or its message's namespace", () => {
    expect(areaOf("forbidden:admin")).toBe("forbidden");
    expect(areaOf("report.errors.file_type")).toBe("report");
    expect(areaOf("tracking.reply.errors.not_waiting")).toBe("tracking");
    expect(areaOf("city:not_configured")).toBe("city");
    expect(isCodeOf("tracking.errors.rate_limited", "report", "tracking")).toBe(true);
    expect(isCodeOf("staff.errors.forbidden", "report", "tracking")).toBe(false);
  });

  it("tells a refusal of access from a translated code and an internal one", () => {
    expect(isForbidden("forbidden:unauthenticated")).toBe(true);
    expect(isForbidden("staff.errors.forbidden")).toBe(false);
    expect(isForbiddenError(new AppError("forbidden:penalty"))).toBe(true);
    expect(isForbiddenError(new AppError("penalties.errors.unknown"))).toBe(false);
    expect(isForbiddenError(new Error("forbidden:penalty"))).toBe(false);
    expect(isTranslated("support.errors.closed")).toBe(true);
    expect(isTranslated("open311.bad_request")).toBe(false);
    expect(isTranslated("forbidden:admin")).toBe(false);
  });
});
