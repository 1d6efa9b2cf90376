namespace SearchFirm.Domain.Scorecards;

/// <summary>Counts 1, 0.5 and 0 of a criterion's weight.</summary>
public enum CriterionOutcome
{
    Met,
    Partial,
    Missing,
}
