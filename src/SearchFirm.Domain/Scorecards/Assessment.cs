namespace SearchFirm.Domain.Scorecards;

/// <summary>A rule's verdict before the criterion's weight is applied.</summary>
internal sealed record Assessment(CriterionOutcome Outcome, string Evidence, string? Gap)
{
    public static Assessment Met(string evidence) => new(CriterionOutcome.Met, evidence, null);

    public static Assessment Partial(string evidence, string gap) => new(CriterionOutcome.Partial, evidence, gap);

    public static Assessment Missing(string evidence, string gap) => new(CriterionOutcome.Missing, evidence, gap);
}
