using System.Globalization;
using SearchFirm.Domain.Searches;

namespace SearchFirm.Domain.OffLimits;

/// <summary>
/// The off-limits rules: a candidate placed with, or working at, a client the firm serves is not approached. The details:
/// <list type="bullet">
/// <item>Open and OnHold searches protect their client; a Draft does not (no engagement yet, and
/// stale drafts would block people for ever); Filled and Cancelled protect until ClosedAt plus
/// the protection period, and for ever if ClosedAt is missing, because the safe mistake is a
/// flag a partner can override.</item>
/// <item>Protection runs along the ownership chain both ways: down (a hospital inherits its
/// health system's protection) and up (a health system's staff run the hospital that retained
/// us). Not sideways: a sister hospital is a separate employer.</item>
/// <item>Recruiting a client's employee for that client's own search, or for another organisation
/// in the same chain, is an internal move, not poaching: no employee or manual-rule conflict,
/// and a placed candidate may move within the chain that hired them.</item>
/// <item>Manual rules protect a client exactly as an open search would (same chain, same
/// internal-move exception) until their date; their reason is shown, since it was written for
/// the team to read.</item>
/// <item>Presented elsewhere means to a different client by id, even one in the same chain:
/// two engagements, two offers competing for one person.</item>
/// </list>
/// </summary>
public static class ConflictRules
{
    public static ConflictCheck Check(ConflictFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var tree = new ClientTree(facts.Clients);
        var reasons = new List<ConflictReason>();

        foreach (var employer in facts.CurrentEmployers.Where(e => !tree.AreKin(e.ClientId, facts.TargetClientId)))
        {
            foreach (var search in facts.Searches.Where(s => s.Id != facts.TargetSearchId))
            {
                var kinship = tree.Of(employer.ClientId, search.ClientId);
                if (kinship != Kinship.None && Protection(search, now, facts.ProtectionAfterClose) is { } protection)
                {
                    // A search the reader is not on is invisible to them: not its name, nor whether it is open or closed.
                    var what = search.CodeName is { } codeName ? $"has {protection} ({codeName})" : "is protected by the firm's off-limits rule";
                    reasons.Add(new(ConflictCodes.ClientEmployee, WorksFor(employer, kinship, what), search.ClientId, search.Id));
                }
            }

            foreach (var rule in facts.ManualRules.Where(r => now < r.Until))
            {
                var kinship = tree.Of(employer.ClientId, rule.ClientId);
                if (kinship != Kinship.None)
                {
                    reasons.Add(new(ConflictCodes.ManualRule,
                        WorksFor(employer, kinship, $"is off-limits by a firm rule until {Date(rule.Until)}: {rule.Reason}"), rule.ClientId, null));
                }
            }
        }

        foreach (var placement in facts.Placements)
        {
            var ends = placement.PlacedAt + facts.GuaranteePeriod;
            if (placement.SearchId != facts.TargetSearchId && now < ends && !tree.AreKin(placement.ClientId, facts.TargetClientId))
            {
                reasons.Add(new(ConflictCodes.PlacementGuarantee,
                    $"Placed by the firm in {CodeName(facts.Searches, placement.SearchId)} on {Date(placement.PlacedAt)}; the guarantee runs until {Date(ends)}",
                    placement.ClientId, placement.SearchId));
            }
        }

        foreach (var presentation in facts.ActivePresentations)
        {
            if (presentation.SearchId != facts.TargetSearchId && presentation.ClientId != facts.TargetClientId)
            {
                reasons.Add(new(ConflictCodes.PresentedElsewhere,
                    $"Currently presented to another client in {CodeName(facts.Searches, presentation.SearchId)}",
                    presentation.ClientId, presentation.SearchId));
            }
        }

        return ConflictCheck.Of(reasons);
    }

    /// <summary>The protection a search gives its client's chain now, in words; null when none.</summary>
    private static string? Protection(SearchFact search, DateTimeOffset now, TimeSpan afterClose) => search.Status switch
    {
        SearchStatus.Open => "an open search",
        SearchStatus.OnHold => "a search on hold",
        SearchStatus.Filled or SearchStatus.Cancelled when search.ClosedAt is null => "a closed search with no closing date recorded",
        SearchStatus.Filled or SearchStatus.Cancelled when now < search.ClosedAt!.Value + afterClose =>
            $"a search closed on {Date(search.ClosedAt.Value)}, protected until {Date(search.ClosedAt.Value + afterClose)}",
        _ => null,
    };

    // The protected client is never named: only its place in the employer's chain.
    private static string WorksFor(EmploymentFact employer, Kinship kinship, string what) => kinship switch
    {
        Kinship.Same => $"Works for {employer.EmployerName}, which {what}",
        Kinship.Below => $"Works for {employer.EmployerName}, a subsidiary of an organisation that {what}",
        _ => $"Works for {employer.EmployerName}, the parent of an organisation that {what}",
    };

    // Looked up only for the rare placement or presentation elsewhere, so a scan beats a dictionary.
    private static string CodeName(IReadOnlyList<SearchFact> searches, Guid searchId) =>
        searches.FirstOrDefault(s => s.Id == searchId)?.CodeName ?? "another search";

    private static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
