using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Board;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Committees;

/// <summary>
/// GET /api/searches/{id}/committee/feedback (team): every member's scores of every presented
/// candidate; the means and recommendations of voting members (the decision) with advisory
/// members' apart; conflicts of interest declared; and how long each member took to respond
/// (from the later of their invitation and the candidate's presentation to their first
/// submission) and whether they answered before the decision deadline. Delay kills searches.
/// </summary>
public sealed record GetCommitteeFeedback(Guid SearchId) : IQuery<CommitteeFeedbackReport>, ISearchScoped;

public sealed record CommitteeFeedbackReport(
    Guid SearchId, ResultsDisplay ResultsDisplay, DateTimeOffset? DecisionDeadline, bool DeadlinePassed,
    IReadOnlyList<CriterionHeading> Criteria, IReadOnlyList<MemberResponsiveness> Members, IReadOnlyList<CandidateFeedback> Candidates);

public sealed record CriterionHeading(string Key, string Label, int Weight);

/// <param name="Pending">Presented candidates the member has neither answered nor declared a conflict with.</param>
/// <param name="Recused">Candidates the member declared a conflict of interest with.</param>
/// <param name="ResponseHours">Hours from (invitation or presentation, whichever is later) to first submission, per candidate answered.</param>
/// <param name="RespondedBeforeDeadline">Null without a deadline; true when every candidate the member must answer was answered by it.</param>
public sealed record MemberResponsiveness(
    Guid MemberId, string Name, string Email, CommitteeRole Role, DateTimeOffset InvitedAt, DateTimeOffset? LastSignInAt,
    int Responded, int Pending, int Recused, double? MeanResponseHours, double? SlowestResponseHours, bool? RespondedBeforeDeadline);

/// <param name="Mean">Voting members only: the figure the decision rests on.</param>
/// <param name="Recommendations">Voting members' recommendations counted.</param>
public sealed record CandidateFeedback(
    Guid CandidacyId, string Name, string Stage, DateTimeOffset? PresentedAt,
    IReadOnlyList<ScoredFeedback> Feedback, FeedbackMeans? Mean, IReadOnlyDictionary<string, int> Recommendations,
    FeedbackMeans? AdvisoryMean, IReadOnlyDictionary<string, int> AdvisoryRecommendations, IReadOnlyList<DeclaredConflict> Conflicts);

/// <param name="BeforeDeadline">Null without a deadline; whether the first submission came by it.</param>
public sealed record ScoredFeedback(MemberFeedback Member, double? ResponseHours, bool? BeforeDeadline);

public sealed record DeclaredConflict(Guid MemberId, string MemberName, CommitteeRole Role, string Description, DateTimeOffset DeclaredAt);

/// <param name="Weighted">The weighted mean of the criterion means, out of 100 (5 on every criterion is 100).</param>
public sealed record FeedbackMeans(double Rating, IReadOnlyDictionary<string, double> Scores, double? Weighted);

internal sealed class GetCommitteeFeedbackHandler(DbSession session, TimeProvider clock) : IQueryHandler<GetCommitteeFeedback, CommitteeFeedbackReport>
{
    private const string SettingsSql = "SELECT CommitteeResultsDisplay AS ResultsDisplay, DecisionDeadline FROM Searches WHERE Id = @SearchId";
    private const string CriteriaSql = """
        SELECT CriterionKey AS "Key", Label, Weight, Required FROM SearchCriteria WHERE SearchId = @SearchId ORDER BY Position
        """;
    private const string MembersSql = """
        SELECT Id AS MemberId, Name, Email, Role, InvitedAt, LastSignInAt FROM CommitteeMembers WHERE SearchId = @SearchId ORDER BY Name, Id
        """;
    private const string ConflictsSql = """
        SELECT k.CandidacyId, k.MemberId, m.Name AS MemberName, m.Role, k.Description, k.DeclaredAt
        FROM CommitteeConflicts k JOIN CommitteeMembers m ON m.Id = k.MemberId
        WHERE k.SearchId = @SearchId ORDER BY k.DeclaredAt, k.Id
        """;
    private static readonly string CandidaciesSql = """
        SELECT cy.Id AS CandidacyId, p.FirstName, p.LastName, cy.Stage,
               (SELECT MIN(t.OccurredAt) FROM CandidacyTransitions t WHERE t.CandidacyId = cy.Id AND t.ToStage = 'PresentedToClient') AS PresentedAt
        FROM Candidacies cy
        JOIN Candidates p ON p.Id = cy.CandidateId
        JOIN Searches s ON s.Id = cy.SearchId
        WHERE cy.SearchId = @SearchId AND
        """ + " " + BoardAccess.PresentedFilter + " " + """

        ORDER BY p.LastName, p.FirstName, cy.Id
        """;

    public async ValueTask<CommitteeFeedbackReport> Handle(GetCommitteeFeedback query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        CommandDefinition Command(string sql) => new(sql, query, cancellationToken: cancellationToken);
        var settings = await connection.QuerySingleAsync<SettingsRow>(Command(SettingsSql));
        var criteria = (await connection.QueryAsync<Searches.CriterionDto>(Command(CriteriaSql)))
            .Select(c => new CriterionHeading(c.Key, c.Label, c.Weight)).ToList();
        var members = (await connection.QueryAsync<MemberRow>(Command(MembersSql))).AsList();
        var candidacies = (await connection.QueryAsync<CandidacyRow>(Command(CandidaciesSql))).AsList();
        var conflicts = (await connection.QueryAsync<ConflictRow>(Command(ConflictsSql))).ToLookup(c => c.CandidacyId);
        var feedback = (await FeedbackRows.ReadAsync(connection, query.SearchId, null, cancellationToken)).ToLookup(f => f.CandidacyId, f => f.Feedback);
        var invited = members.ToDictionary(m => m.MemberId, m => m.InvitedAt);
        var deadline = settings.DecisionDeadline;

        double? Hours(MemberFeedback f, DateTimeOffset? presentedAt)
        {
            if (!invited.TryGetValue(f.MemberId, out var from)) return null;
            if (presentedAt is { } p && p > from) from = p;
            return Math.Round(Math.Max(0, (f.SubmittedAt - from).TotalHours), 1);
        }

        var candidates = candidacies.Select(c =>
        {
            var scored = feedback[c.CandidacyId].Select(f => new ScoredFeedback(f, Hours(f, c.PresentedAt), deadline is null ? null : f.SubmittedAt <= deadline)).ToList();
            var voting = scored.Select(s => s.Member).Where(m => m.Role == CommitteeRole.Voting).ToList();
            var advisory = scored.Select(s => s.Member).Where(m => m.Role == CommitteeRole.Advisory).ToList();
            var declared = conflicts[c.CandidacyId].Select(k => new DeclaredConflict(k.MemberId, k.MemberName, Enum.Parse<CommitteeRole>(k.Role), k.Description, k.DeclaredAt)).ToList();
            return new CandidateFeedback(c.CandidacyId, $"{c.FirstName} {c.LastName}", c.Stage, c.PresentedAt, scored,
                CommitteeTotals.Means(voting, criteria), CommitteeTotals.Recommendations(voting),
                CommitteeTotals.Means(advisory, criteria), CommitteeTotals.Recommendations(advisory), declared);
        }).ToList();

        var responsiveness = members.Select(m =>
        {
            var answered = candidates.SelectMany(c => c.Feedback).Where(f => f.Member.MemberId == m.MemberId).ToList();
            var recused = candidates.Count(c => c.Conflicts.Any(k => k.MemberId == m.MemberId));
            var pending = candidates.Count - answered.Count - recused;
            var hours = answered.Select(a => a.ResponseHours).OfType<double>().ToList();
            bool? onTime = deadline is null ? null : pending == 0 && answered.All(a => a.BeforeDeadline == true);
            return new MemberResponsiveness(m.MemberId, m.Name, m.Email, Enum.Parse<CommitteeRole>(m.Role), m.InvitedAt, m.LastSignInAt,
                answered.Count, pending, recused, hours.Count == 0 ? null : Math.Round(hours.Average(), 1), hours.Count == 0 ? null : hours.Max(), onTime);
        }).ToList();

        return new CommitteeFeedbackReport(query.SearchId, Enum.Parse<ResultsDisplay>(settings.ResultsDisplay), deadline,
            deadline is { } d && clock.GetUtcNow() > d, criteria, responsiveness, candidates);
    }

    private sealed class SettingsRow
    {
        public string ResultsDisplay { get; init; } = "";
        public DateTimeOffset? DecisionDeadline { get; init; }
    }

    private sealed class MemberRow
    {
        public Guid MemberId { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
        public DateTimeOffset InvitedAt { get; init; }
        public DateTimeOffset? LastSignInAt { get; init; }
    }

    private sealed class ConflictRow
    {
        public Guid CandidacyId { get; init; }
        public Guid MemberId { get; init; }
        public string MemberName { get; init; } = "";
        public string Role { get; init; } = "";
        public string Description { get; init; } = "";
        public DateTimeOffset DeclaredAt { get; init; }
    }

    private sealed class CandidacyRow
    {
        public Guid CandidacyId { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateTimeOffset? PresentedAt { get; init; }
    }
}
