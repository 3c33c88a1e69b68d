import { describe, expect, it } from "vitest";
import { render, renderError } from "./format";

describe("Open311 formats", () => {
  it("renders lists as spec XML with escaping", async () => {
    const xml = await render("xml", "service_requests", [{ service_request_id: "TET-1", description: "<b>&", lat: 35.5, media_url: null }]).text();
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>TET-1</service_request_id><description>&lt;b&gt;&amp;</description><lat>35.5</lat><media_url/></request></service_requests>',
    );
  });
  it("renders errors as the spec says, in both formats", async () => {
    const json = renderError("json", 404, "Not found");
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual([{ code: 404, description: "Not found" }]);
    expect(await renderError("xml", 403, "bad key").text()).toContain("<errors><error><code>403</code><description>bad key</description></error></errors>");
  });
});
