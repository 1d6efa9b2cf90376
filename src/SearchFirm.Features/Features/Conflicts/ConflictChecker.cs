using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.OffLimits;
using SearchFirm.Domain.Pipeline;

namespace SearchFirm.Features.Conflicts;

/// <summary>
/// Gathers the facts the off-limits rules need for one candidate and one search, and asks
/// <see cref="ConflictRules"/>. The facts are small: the firm's clients, its live and recently
/// closed searches, the candidate's own candidacies and the manual rules in force.
/// </summary>
public sealed class ConflictChecker(DbSession session)
{
    public static readonly TimeSpan ProtectionAfterClose = TimeSpan.FromDays(365);
    public static readonly TimeSpan GuaranteePeriod = TimeSpan.FromDays(365);

    private const string CandidateSql = "SELECT CurrentEmployerClientId, CurrentEmployer FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";
    private const string TargetClientSql = "SELECT ClientId FROM Searches WHERE Id = @SearchId";
    private const string ClientsSql = "SELECT Id, Name, ParentClientId FROM Clients";
    private const string SearchesSql = """
        SELECT Id, ClientId, Status, ClosedAt, CodeName FROM Searches
        WHERE Status IN ('Open', 'OnHold') OR ClosedAt > @ProtectedSince
        """;
    private const string OwnCandidaciesSql = """
        SELECT c.SearchId, s.ClientId, c.Stage, c.StageEnteredAt
        FROM Candidacies c JOIN Searches s ON s.Id = c.SearchId
        WHERE c.CandidateId = @CandidateId
        """;
    private const string ManualRulesSql = "SELECT ClientId, Until, Reason FROM OffLimitsRules WHERE Until > @Now";

    private static readonly Stage[] Presented = [Stage.PresentedToClient, Stage.ClientInterview, Stage.Finalist, Stage.References, Stage.Offer];

    public async Task<ConflictReport> CheckAsync(Guid candidateId, Guid searchId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        CommandDefinition Command(string sql, object? args = null) => new(sql, args, tx, cancellationToken: cancellationToken);

        var candidate = await connection.QuerySingleOrDefaultAsync<CandidateRow>(Command(CandidateSql, new { CandidateId = candidateId }))
            ?? throw new Common.NotFoundException("candidate");
        var targetClientId = await connection.QuerySingleAsync<Guid>(Command(TargetClientSql, new { SearchId = searchId }));
        var clients = (await connection.QueryAsync<ClientRow>(Command(ClientsSql))).Select(c => new ClientFact(c.Id, c.Name, c.ParentClientId)).ToList();
        var own = (await connection.QueryAsync<CandidacyRow>(Command(OwnCandidaciesSql, new { CandidateId = candidateId })))
            .Select(c => (c.SearchId, c.ClientId, Stage: Enum.Parse<Stage>(c.Stage), c.StageEnteredAt)).ToList();

        // Client protection and manual rules bite only on someone who works for a client; for
        // everyone else (most candidates) the firm's searches need not be read at all.
        var employed = candidate.CurrentEmployerClientId is not null;
        var searches = !employed ? [] : (await connection.QueryAsync<SearchRow>(Command(SearchesSql, new { ProtectedSince = now - ProtectionAfterClose })))
            .Select(s => new SearchFact(s.Id, s.ClientId, Enum.Parse<Domain.Searches.SearchStatus>(s.Status), s.ClosedAt, s.CodeName)).ToList();
        var manual = !employed ? [] : (await connection.QueryAsync<ManualRow>(Command(ManualRulesSql, new { Now = now })))
            .Select(m => new ManualRule(m.ClientId, m.Until, m.Reason)).ToList();

        var facts = new ConflictFacts(
            candidateId,
            searchId,
            targetClientId,
            candidate.CurrentEmployerClientId is { } employer ? [new EmploymentFact(employer, candidate.CurrentEmployer ?? "")] : [],
            clients,
            searches,
            own.Where(c => c.Stage == Stage.Placed).Select(c => new PlacementFact(c.SearchId, c.ClientId, c.StageEnteredAt)).ToList(),
            own.Where(c => Presented.Contains(c.Stage)).Select(c => new PresentationFact(c.SearchId, c.ClientId)).ToList(),
            manual,
            ProtectionAfterClose,
            GuaranteePeriod);
        var check = ConflictRules.Check(facts, now);
        return new ConflictReport(check.Clean, check.Reasons.Select(r => new ConflictReasonDto(r.Code, r.Explanation)).ToList());
    }

    private sealed class CandidateRow
    {
        public Guid? CurrentEmployerClientId { get; init; }
        public string? CurrentEmployer { get; init; }
    }

    private sealed class ClientRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid? ParentClientId { get; init; }
    }

    private sealed class SearchRow
    {
        public Guid Id { get; init; }
        public Guid ClientId { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset? ClosedAt { get; init; }
        public string CodeName { get; init; } = "";
    }

    private sealed class CandidacyRow
    {
        public Guid SearchId { get; init; }
        public Guid ClientId { get; init; }
        public string Stage { get; init; } = "";
        public DateTimeOffset StageEnteredAt { get; init; }
    }

    private sealed class ManualRow
    {
        public Guid ClientId { get; init; }
        public DateTimeOffset Until { get; init; }
        public string Reason { get; init; } = "";
    }
}
