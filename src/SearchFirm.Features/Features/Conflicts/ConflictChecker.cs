using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.OffLimits;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Conflicts;

/// <summary>
/// Gathers the facts the off-limits rules need for one candidate and one search, and asks
/// <see cref="ConflictRules"/>. The firm-wide facts (clients, protecting searches, manual rules)
/// come from <see cref="FirmFacts"/>; only the candidate's own are read each time.
/// </summary>
public sealed class ConflictChecker(DbSession session, FirmFacts firm, ICurrentUser user)
{
    public static readonly TimeSpan ProtectionAfterClose = TimeSpan.FromDays(365);
    public static readonly TimeSpan GuaranteePeriod = TimeSpan.FromDays(365);

    private const string CandidateSql = "SELECT CurrentEmployerClientId, CurrentEmployer FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";
    private const string TargetClientSql = "SELECT ClientId FROM Searches WHERE Id = @SearchId";
    private const string OwnCandidaciesSql = """
        SELECT c.SearchId, s.ClientId, s.Status, s.ClosedAt, s.CodeName, c.Stage, c.StageEnteredAt
        FROM Candidacies c JOIN Searches s ON s.Id = c.SearchId
        WHERE c.CandidateId = @CandidateId
        """;

    private const string TeamSearchesSql = "SELECT SearchId FROM SearchTeamMembers WHERE UserId = @UserId";

    private static readonly Stage[] Presented = [Stage.PresentedToClient, Stage.ClientInterview, Stage.Finalist, Stage.References, Stage.Offer];

    public async Task<ConflictReport> CheckAsync(Guid candidateId, Guid searchId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        CommandDefinition Command(string sql, object? args = null) => new(sql, args, tx, cancellationToken: cancellationToken);

        var candidate = await connection.QuerySingleOrDefaultAsync<CandidateRow>(Command(CandidateSql, new { CandidateId = candidateId }))
            ?? throw new Common.NotFoundException("candidate");
        var targetClientId = await connection.QuerySingleAsync<Guid>(Command(TargetClientSql, new { SearchId = searchId }));
        var own = (await connection.QueryAsync<CandidacyRow>(Command(OwnCandidaciesSql, new { CandidateId = candidateId }))).ToList();
        var facts = await firm.GetAsync(connection, tx, now, cancellationToken);

        // Client protection and manual rules bite only on someone who works for a client; for
        // everyone else (most candidates) only the searches of their own candidacies are named.
        // The employer is the client the profile points at, else every client whose name the
        // profile's current employer spells (a profile typed by hand names the employer in words).
        IReadOnlyList<Guid> employers = candidate.CurrentEmployerClientId is { } linked ? [linked]
            : string.IsNullOrWhiteSpace(candidate.CurrentEmployer) ? [] : facts.ClientsNamed(candidate.CurrentEmployer);
        var employed = employers.Count > 0;
        var ownSearches = own.Select(c => new SearchFact(c.SearchId, c.ClientId, Enum.Parse<Domain.Searches.SearchStatus>(c.Status), c.ClosedAt, c.CodeName));
        var searches = (employed ? facts.ProtectingSearches.Concat(ownSearches) : ownSearches).DistinctBy(s => s.Id).ToList();
        // A search is invisible to staff not on its team (admins see all): its rules still bite, unnamed.
        if (!user.IsAdmin && searches.Count > 0)
        {
            var mine = user.IsAuthenticated
                ? (await connection.QueryAsync<Guid>(Command(TeamSearchesSql, new { UserId = user.Id }))).ToHashSet()
                : [];
            searches = searches.Select(s => mine.Contains(s.Id) ? s : s with { CodeName = null }).ToList();
        }

        var manual = employed ? facts.ManualRules : [];
        var involved = new[] { targetClientId }.Concat(searches.Select(s => s.ClientId)).Concat(manual.Select(m => m.ClientId));
        involved = involved.Concat(employers);

        var chains = facts.ChainsOf(involved);
        var check = ConflictRules.Check(new ConflictFacts(
            candidateId,
            searchId,
            targetClientId,
            [.. employers.Select(employer => new EmploymentFact(employer, EmployerName(candidate, employer, chains)))],
            chains,
            searches,
            own.Where(c => c.Stage == nameof(Stage.Placed)).Select(c => new PlacementFact(c.SearchId, c.ClientId, c.StageEnteredAt)).ToList(),
            own.Where(c => Presented.Contains(Enum.Parse<Stage>(c.Stage))).Select(c => new PresentationFact(c.SearchId, c.ClientId)).ToList(),
            manual,
            ProtectionAfterClose,
            GuaranteePeriod), now);
        return new ConflictReport(check.Clean, check.Reasons.Select(r => new ConflictReasonDto(r.Code, r.Explanation)).ToList());
    }

    /// <summary>The employer as the profile spells it, else the client's own name (the profile may name only the client).</summary>
    private static string EmployerName(CandidateRow candidate, Guid employer, IReadOnlyList<Domain.OffLimits.ClientFact> chains) =>
        string.IsNullOrWhiteSpace(candidate.CurrentEmployer)
            ? chains.FirstOrDefault(c => c.Id == employer)?.Name ?? "a client of the firm"
            : candidate.CurrentEmployer.Trim();

    private sealed class CandidateRow
    {
        public Guid? CurrentEmployerClientId { get; init; }
        public string? CurrentEmployer { get; init; }
    }

    private sealed class CandidacyRow
    {
        public Guid SearchId { get; init; }
        public Guid ClientId { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset? ClosedAt { get; init; }
        public string CodeName { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateTimeOffset StageEnteredAt { get; init; }
    }
}
