namespace SearchFirm.Domain.OffLimits;

/// <summary>Stable names of the off-limits rules. Clients match on these, so never rename one.</summary>
public static class ConflictCodes
{
    /// <summary>Works for a client (or its parent or subsidiary) with an open search or one closed within the protection period.</summary>
    public const string ClientEmployee = "client-employee";

    /// <summary>Placed by the firm within the guarantee period.</summary>
    public const string PlacementGuarantee = "placement-guarantee";

    /// <summary>Presented to another client at the moment.</summary>
    public const string PresentedElsewhere = "presented-elsewhere";

    /// <summary>Works for a client a partner or admin has put off-limits by hand.</summary>
    public const string ManualRule = "manual-rule";
}
