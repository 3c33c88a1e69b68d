import { describe, expect, it } from "vitest";
import { MIN_REVIEWS_FOR_RATING, publishedRating } from "./ratings";

describe("publishedRating", () => {
  it("publishes an average only from enough reviews, and always their count", () => {
    expect(publishedRating({ ratings: 1, averageRating: 5 })).toEqual({ average: null, reviews: 1 });
    expect(publishedRating({ ratings: MIN_REVIEWS_FOR_RATING, averageRating: 3.8 })).toEqual({ average: 3.8, reviews: MIN_REVIEWS_FOR_RATING });
    expect(publishedRating({ ratings: 0, averageRating: null })).toEqual({ average: null, reviews: 0 });
  });
});
