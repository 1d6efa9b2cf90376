namespace SearchFirm.Domain.Scorecards;

/// <summary>One line of the scorecard, explainable to a board on its own.</summary>
/// <param name="Evidence">The facts that decided the outcome, in words.</param>
/// <param name="Gap">What is short of Met, in words ("clinical tenure 8 years, specification asks 10"); null when met.</param>
/// <param name="Points">Weight × 1, 0.5 or 0.</param>
public sealed record CriterionScore(
    string Key,
    string Label,
    int Weight,
    bool Required,
    CriterionOutcome Outcome,
    string Evidence,
    string? Gap,
    decimal Points);
