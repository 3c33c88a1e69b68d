import { describe, expect, it } from "vitest";
import { formDataToObject } from "./form-data";

describe("formDataToObject", () => {
  it("keeps repeated fields as arrays and others as single values", () => {
    const fd = new FormData();
    fd.append("categoryIds", "1");
    fd.append("categoryIds", "4");
    fd.append("description", "hello");
    fd.append("$ACTION_ID_abc", "");
    expect(formDataToObject(fd, ["categoryIds", "attachmentTokens"])).toEqual({ categoryIds: ["1", "4"], description: "hello", attachmentTokens: [] });
  });
});
