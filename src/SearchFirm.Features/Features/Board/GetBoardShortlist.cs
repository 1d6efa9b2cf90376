using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// GET /api/board/searches/{id}/shortlist: the candidates presented to this committee, with the
/// specification they are scored on and the briefs ready for them. Never internal notes,
/// compensation, or candidates not presented. Another search's id: 404. Shows the decision
/// deadline, the member's role (voting or advisory) and which candidates they declared a conflict with.
/// </summary>
public sealed record GetBoardShortlist(Guid SearchId) : IQuery<BoardShortlist>, IBoardSearchScoped;

public sealed record BoardShortlist(
    Guid SearchId, string Title, string Search, string Committee, Guid? ShortlistBookId, string? ShortlistBookUrl,
    IReadOnlyList<BoardCriterion> Criteria, IReadOnlyList<BoardCandidate> Candidates,
    DateTimeOffset? DecisionDeadline, bool DeadlinePassed, Committees.CommitteeRole YourRole)
{
    /// <summary>What is asked of the member: candidates they have neither scored nor declared a conflict with.</summary>
    public int CandidatesToScore => DeadlinePassed ? 0 : Candidates.Count(c => !c.FeedbackSubmitted && !c.ConflictDeclared);
}

public sealed record BoardCriterion(string Key, string Label, int Weight, bool Required);

public sealed record BoardCandidate(
    Guid CandidacyId, string Name, string? CurrentTitle, string? CurrentEmployer, string? Location, string Stage,
    decimal? ReadinessScore, Guid? BriefId, string? BriefUrl, bool FeedbackSubmitted, bool ConflictDeclared)
{
    /// <summary>The readiness score in a board's words (<see cref="Domain.Scorecards.Readiness"/>).</summary>
    public string Readiness => Domain.Scorecards.Readiness.InWords(ReadinessScore);
}

internal sealed class GetBoardShortlistHandler(DbSession session, ICurrentBoardMember member, AuditTrail audit, TimeProvider clock) : IQueryHandler<GetBoardShortlist, BoardShortlist>
{
    private const string SearchSql = """
        SELECT s.Title, s.CodeName, s.ClientDisclosed, s.CommitteeName, c.Name AS ClientName, s.DecisionDeadline,
               (SELECT m.Role FROM CommitteeMembers m WHERE m.Id = @MemberId) AS Role
        FROM Searches s JOIN Clients c ON c.Id = s.ClientId WHERE s.Id = @SearchId
        """;
    private const string CriteriaSql = """
        SELECT CriterionKey AS "Key", Label, Weight, Required FROM SearchCriteria WHERE SearchId = @SearchId ORDER BY Position
        """;
    private static readonly string CandidatesSql = """
        SELECT cy.Id AS CandidacyId, p.FirstName, p.LastName, p.CurrentTitle, p.CurrentEmployer, p.Location, cy.Stage, cy.Score,
               CASE WHEN EXISTS (SELECT 1 FROM CommitteeFeedback f WHERE f.CandidacyId = cy.Id AND f.MemberId = @MemberId) THEN 1 ELSE 0 END AS FeedbackSubmitted,
               CASE WHEN EXISTS (SELECT 1 FROM CommitteeConflicts k WHERE k.CandidacyId = cy.Id AND k.MemberId = @MemberId) THEN 1 ELSE 0 END AS ConflictDeclared
        FROM Candidacies cy
        JOIN Candidates p ON p.Id = cy.CandidateId
        JOIN Searches s ON s.Id = cy.SearchId
        WHERE cy.SearchId = @SearchId AND
        """ + " " + BoardAccess.PresentedFilter + " " + """

        ORDER BY p.LastName, p.FirstName, cy.Id
        """;
    // The brief last asked for (or last made ready) is the current one: a brief re-requested after the
    // specification was changed and changed back is the one whose inputs match (BriefRequests touches it).
    private const string BriefsSql = """
        SELECT Id, CandidacyId, Kind, CASE WHEN Kind = 'ShortlistBook' THEN ModelJson END AS ModelJson FROM Briefs
        WHERE SearchId = @SearchId AND Audience = 'Committee' AND Status = 'Ready'
        ORDER BY UpdatedAt DESC, ReadyAt DESC, Id
        """;

    public async ValueTask<BoardShortlist> Handle(GetBoardShortlist query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var parameters = new { query.SearchId, member.MemberId };
        var search = await connection.QuerySingleAsync<SearchRow>(new CommandDefinition(SearchSql, parameters, cancellationToken: cancellationToken));
        var criteria = (await connection.QueryAsync<Searches.CriterionDto>(new CommandDefinition(CriteriaSql, parameters, cancellationToken: cancellationToken)))
            .Select(c => new BoardCriterion(c.Key, c.Label, c.Weight, c.Required)).ToList();
        var rows = (await connection.QueryAsync<CandidateRow>(new CommandDefinition(CandidatesSql, parameters, cancellationToken: cancellationToken))).AsList();
        var briefs = (await connection.QueryAsync<BriefRow>(new CommandDefinition(BriefsSql, parameters, cancellationToken: cancellationToken))).AsList();
        var newest = briefs.Where(b => b.CandidacyId is not null).GroupBy(b => b.CandidacyId!.Value).ToDictionary(g => g.Key, g => g.First().Id);
        // The newest book whose every candidate is still presented (and consenting): the one the
        // member can open. A book naming someone withdrawn since is not offered (it would be a 404).
        var presented = rows.Select(r => r.CandidacyId).ToHashSet();
        var book = briefs.Where(b => b.Kind == nameof(Briefs.BriefKind.ShortlistBook))
            .FirstOrDefault(b => Briefs.BriefModel.FromJson(b.ModelJson ?? "{}").Candidates.All(c => presented.Contains(c.CandidacyId)))?.Id;

        var candidates = rows.Select(r =>
        {
            Guid? brief = newest.TryGetValue(r.CandidacyId, out var id) ? id : null;
            return new BoardCandidate(r.CandidacyId, $"{r.FirstName} {r.LastName}", r.CurrentTitle, r.CurrentEmployer, r.Location, r.Stage,
                r.Score, brief, brief is null ? null : $"/api/board/briefs/{brief}/pdf", r.FeedbackSubmitted, r.ConflictDeclared);
        }).ToList();
        await audit.RecordAsync("ReadBoardShortlist", "Search", query.SearchId, query.SearchId, cancellationToken);
        return new BoardShortlist(query.SearchId, search.Title, search.ClientDisclosed ? search.ClientName : search.CodeName,
            string.IsNullOrWhiteSpace(search.CommitteeName) ? "the Search Committee" : search.CommitteeName!,
            book, book is null ? null : $"/api/board/briefs/{book}/pdf", criteria, candidates,
            search.DecisionDeadline, search.DecisionDeadline is { } deadline && clock.GetUtcNow() > deadline, Enum.Parse<Committees.CommitteeRole>(search.Role));
    }

    private sealed class SearchRow
    {
        public string Title { get; init; } = "";
        public string CodeName { get; init; } = "";
        public bool ClientDisclosed { get; init; }
        public string? CommitteeName { get; init; }
        public string ClientName { get; init; } = "";
        public DateTimeOffset? DecisionDeadline { get; init; }
        public string Role { get; init; } = "";
    }

    private sealed class CandidateRow
    {
        public Guid CandidacyId { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? CurrentTitle { get; init; }
        public string? CurrentEmployer { get; init; }
        public string? Location { get; init; }
        public string Stage { get; init; } = "";
        public decimal? Score { get; init; }
        public bool FeedbackSubmitted { get; init; }
        public bool ConflictDeclared { get; init; }
    }

    private sealed class BriefRow
    {
        public Guid Id { get; init; }
        public Guid? CandidacyId { get; init; }
        public string Kind { get; init; } = "";
        public string? ModelJson { get; init; }
    }
}
