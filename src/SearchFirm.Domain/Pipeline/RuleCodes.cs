namespace SearchFirm.Domain.Pipeline;

/// <summary>Stable names of the pipeline rules. Clients match on these, so never rename one.</summary>
public static class RuleCodes
{
    public const string SameStage = "same-stage";
    public const string ConflictCheck = "conflict-check";
    public const string OverrideNeedsPartner = "override-needs-partner";
    public const string ConsentRequired = "consent-required";
    public const string PlacedOnlyFromOffer = "placed-only-from-offer";
    public const string ReasonRequired = "reason-required";
    public const string ExitReasonRequired = "exit-reason-required";
    public const string DecidedByMismatch = "decided-by-mismatch";
    public const string ClosedIsFinal = "closed-is-final";
    public const string PlacedIsFinal = "placed-is-final";
}
