namespace SearchFirm.Domain.Scorecards;

/// <param name="Criteria">In the specification's order.</param>
/// <param name="WeightedTotal">Points over total weight × 100, one decimal; 0 for a specification without weight.</param>
/// <param name="Gaps">Every criterion's gap, in the specification's order.</param>
/// <param name="MeetsAllRequired">Every required criterion is fully met; a partial required criterion is not enough.</param>
public sealed record ScorecardResult(
    IReadOnlyList<CriterionScore> Criteria,
    decimal WeightedTotal,
    IReadOnlyList<string> Gaps,
    bool MeetsAllRequired);
