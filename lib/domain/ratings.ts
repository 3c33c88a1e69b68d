/**
 * When a service's average rating is published: from a few reviews only (one review is one
 * citizen's mood, not the service's rating). Below that, the count alone is shown.
 */
export const MIN_REVIEWS_FOR_RATING = 5;

export function publishedRating(metrics: { ratings: number; averageRating: number | null }): { average: number | null; reviews: number } {
  return { average: metrics.ratings >= MIN_REVIEWS_FOR_RATING ? metrics.averageRating : null, reviews: metrics.ratings };
}
