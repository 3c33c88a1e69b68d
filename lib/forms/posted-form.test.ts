import { describe, expect, it } from "vitest";
import { formDataToObject, REPORT_ARRAY_FIELDS } from "./form-data";
import { filesOf, sentByScript, typedReportFields, typedTexts, withDistrictCentre } from "./posted-form";

const DISTRICTS = [
  { id: 3, lat: 35.57, lng: -5.37 },
  { id: 4, lat: 35.59, lng: -5.35 },
];

describe("filesOf", () => {
  it("keeps the files chosen and drops the empty part of a file input left empty and any text", () => {
    const fd = new FormData();
    fd.append("files", new File([], "", { type: "application/octet-stream" }));
    fd.append("files", new File([new Uint8Array([1, 2, 3])], "a.jpg", { type: "image/jpeg" }));
    fd.append("files", "not a file");
    expect(filesOf(fd, "files").map((f) => f.name)).toEqual(["a.jpg"]);
    expect(filesOf(fd, "other")).toEqual([]);
  });
});

describe("sentByScript", () => {
  it("is true only with the scripted form's marker", () => {
    const fd = new FormData();
    expect(sentByScript(fd)).toBe(false);
    fd.set("scripted", "1");
    expect(sentByScript(fd)).toBe(true);
  });
});

describe("withDistrictCentre", () => {
  it("places a report given by its district alone at the district's centre", () => {
    expect(withDistrictCentre({ lat: "", lng: "", districtId: "4" }, DISTRICTS)).toEqual({ lat: "35.59", lng: "-5.35", districtId: "4" });
    expect(withDistrictCentre({ districtId: "3" }, DISTRICTS)).toEqual({ lat: "35.57", lng: "-5.37", districtId: "3" });
  });

  it("keeps a point given, and leaves an unknown or absent district as it is", () => {
    const placed = { lat: "35.58", lng: "-5.36", districtId: "4" };
    expect(withDistrictCentre(placed, DISTRICTS)).toBe(placed);
    const unknown = { lat: "", lng: "", districtId: "99" };
    expect(withDistrictCentre(unknown, DISTRICTS)).toBe(unknown);
    const none = { lat: "", lng: "", districtId: "" };
    expect(withDistrictCentre(none, DISTRICTS)).toBe(none);
  });

  it("does not complete half a point", () => {
    const half = { lat: "35.58", lng: "", districtId: "4" };
    expect(withDistrictCentre(half, DISTRICTS)).toBe(half);
  });
});

describe("typedReportFields", () => {
  it("gives back what was typed, in the form's shape", () => {
    const fd = new FormData();
    fd.append("categoryIds", "2");
    fd.append("categoryIds", "5");
    fd.append("categoryIds", "x");
    fd.append("lat", "");
    fd.append("lng", "");
    fd.append("districtId", "3");
    fd.append("address", "Rue 12");
    fd.append("description", "court");
    fd.append("anonymous", "on");
    fd.append("name", "Karim");
    fd.append("email", "k@example.org");
    fd.append("field.school", "curie");
    fd.append("field.meals", "mon");
    fd.append("field.meals", "thu");
    const raw = formDataToObject(fd, REPORT_ARRAY_FIELDS);
    expect(typedReportFields(raw)).toEqual({
      categoryIds: [2, 5],
      point: null,
      districtId: "3",
      address: "Rue 12",
      description: "court",
      anonymous: true,
      name: "Karim",
      email: "k@example.org",
      phone: "",
      answers: { school: ["curie"], meals: ["mon", "thu"] },
    });
  });

  it("keeps a point only when both coordinates are numbers", () => {
    expect(typedReportFields({ lat: "35.5", lng: "-5.3" }).point).toEqual({ lat: 35.5, lng: -5.3 });
    expect(typedReportFields({ lat: "35.5", lng: "abc" }).point).toBeNull();
    expect(typedReportFields({}).point).toBeNull();
  });
});

describe("typedTexts", () => {
  it("gives back the named text fields, empty when absent or not text", () => {
    expect(typedTexts({ reply: "Devant le 27", other: "x", rating: ["3"] }, ["reply", "rating", "comment"])).toEqual({
      reply: "Devant le 27",
      rating: "",
      comment: "",
    });
  });
});
