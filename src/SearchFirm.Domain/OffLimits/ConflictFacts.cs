using SearchFirm.Domain.Searches;

namespace SearchFirm.Domain.OffLimits;

/// <summary>
/// Everything the off-limits rules look at for one candidate and one target search, loaded by
/// the caller. The caller may pass more than is relevant (every search of the employers'
/// families, say); the rules pick what applies.
/// </summary>
/// <param name="CurrentEmployers">The clients the candidate works for now; employers that are not clients are not listed.</param>
/// <param name="Clients">Every client of the employers', the target's and the searches' ownership chains, with parents.</param>
/// <param name="Searches">Searches of those clients, and the searches of the placements and presentations (for their code names).</param>
/// <param name="Placements">Where the firm placed this candidate.</param>
/// <param name="ActivePresentations">Where this candidate is presented now (a candidacy at PresentedToClient or beyond, still active).</param>
/// <param name="ManualRules">Off-limits rules a partner or admin set by hand.</param>
/// <param name="ProtectionAfterClose">How long a client stays protected after a search closes; <see cref="DefaultProtectionAfterClose"/>.</param>
/// <param name="GuaranteePeriod">How long a placed candidate is off-limits; <see cref="DefaultGuaranteePeriod"/>.</param>
public sealed record ConflictFacts(
    Guid CandidateId,
    Guid TargetSearchId,
    Guid TargetClientId,
    IReadOnlyList<EmploymentFact> CurrentEmployers,
    IReadOnlyList<ClientFact> Clients,
    IReadOnlyList<SearchFact> Searches,
    IReadOnlyList<PlacementFact> Placements,
    IReadOnlyList<PresentationFact> ActivePresentations,
    IReadOnlyList<ManualRule> ManualRules,
    TimeSpan ProtectionAfterClose,
    TimeSpan GuaranteePeriod)
{
    /// <summary>A closed search protects its client for a period after it closes (default 12 months).</summary>
    public static readonly TimeSpan DefaultProtectionAfterClose = TimeSpan.FromDays(365);

    /// <summary>A placed candidate is off-limits for the guarantee period (default 12 months).</summary>
    public static readonly TimeSpan DefaultGuaranteePeriod = TimeSpan.FromDays(365);
}

/// <param name="EmployerName">The candidate's own data, so it may appear in explanations.</param>
public sealed record EmploymentFact(Guid ClientId, string EmployerName);

/// <param name="ParentId">The owning organisation (a hospital's health system), when it is a client too.</param>
public sealed record ClientFact(Guid Id, string Name, Guid? ParentId);

/// <param name="ClosedAt">When it became Filled or Cancelled; null while it is not closed.</param>
/// <param name="CodeName">Null when whoever asks is not on its team: the rule still applies, the search stays unnamed.</param>
public sealed record SearchFact(Guid Id, Guid ClientId, SearchStatus Status, DateTimeOffset? ClosedAt, string? CodeName);

public sealed record PlacementFact(Guid SearchId, Guid ClientId, DateTimeOffset PlacedAt);

public sealed record PresentationFact(Guid SearchId, Guid ClientId);

/// <param name="Until">The rule is in force while now is before this instant.</param>
public sealed record ManualRule(Guid ClientId, DateTimeOffset Until, string Reason);
