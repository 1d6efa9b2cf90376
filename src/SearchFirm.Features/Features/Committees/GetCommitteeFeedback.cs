using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Board;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Committees;

/// <summary>
/// GET /api/searches/{id}/committee/feedback (team): every member's scores of every presented
/// candidate with the mean per criterion and overall, the recommendations counted, and how long
/// each member took to respond (from the later of their invitation and the candidate's
/// presentation to their first submission). Delay kills searches: the slowest are visible.
/// </summary>
public sealed record GetCommitteeFeedback(Guid SearchId) : IQuery<CommitteeFeedbackReport>, ISearchScoped;

public sealed record CommitteeFeedbackReport(
    Guid SearchId, IReadOnlyList<CriterionHeading> Criteria, IReadOnlyList<MemberResponsiveness> Members, IReadOnlyList<CandidateFeedback> Candidates);

public sealed record CriterionHeading(string Key, string Label, int Weight);

/// <param name="ResponseHours">Hours from (invitation or presentation, whichever is later) to first submission, per candidate answered.</param>
public sealed record MemberResponsiveness(
    Guid MemberId, string Name, string Email, DateTimeOffset InvitedAt, DateTimeOffset? LastSignInAt,
    int Responded, int Pending, double? MeanResponseHours, double? SlowestResponseHours);

public sealed record CandidateFeedback(
    Guid CandidacyId, string Name, string Stage, DateTimeOffset? PresentedAt,
    IReadOnlyList<ScoredFeedback> Feedback, FeedbackMeans? Mean, IReadOnlyDictionary<string, int> Recommendations);

public sealed record ScoredFeedback(MemberFeedback Member, double? ResponseHours);

/// <param name="Weighted">The weighted mean of the criterion means, out of 100 (5 on every criterion is 100).</param>
public sealed record FeedbackMeans(double Rating, IReadOnlyDictionary<string, double> Scores, double? Weighted);

internal sealed class GetCommitteeFeedbackHandler(DbSession session) : IQueryHandler<GetCommitteeFeedback, CommitteeFeedbackReport>
{
    private const string CriteriaSql = """
        SELECT CriterionKey AS "Key", Label, Weight, Required FROM SearchCriteria WHERE SearchId = @SearchId ORDER BY Position
        """;
    private const string MembersSql = """
        SELECT Id AS MemberId, Name, Email, InvitedAt, LastSignInAt FROM CommitteeMembers WHERE SearchId = @SearchId ORDER BY Name, Id
        """;
    private const string CandidaciesSql = """
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
        var criteria = (await connection.QueryAsync<Searches.CriterionDto>(new CommandDefinition(CriteriaSql, query, cancellationToken: cancellationToken)))
            .Select(c => new CriterionHeading(c.Key, c.Label, c.Weight)).ToList();
        var members = (await connection.QueryAsync<MemberRow>(new CommandDefinition(MembersSql, query, cancellationToken: cancellationToken))).AsList();
        var candidacies = (await connection.QueryAsync<CandidacyRow>(new CommandDefinition(CandidaciesSql, query, cancellationToken: cancellationToken))).AsList();
        var feedback = (await FeedbackRows.ReadAsync(connection, query.SearchId, null, cancellationToken)).ToLookup(f => f.CandidacyId, f => f.Feedback);
        var invited = members.ToDictionary(m => m.MemberId, m => m.InvitedAt);

        double? Hours(MemberFeedback f, DateTimeOffset? presentedAt)
        {
            if (!invited.TryGetValue(f.MemberId, out var from)) return null;
            if (presentedAt is { } p && p > from) from = p;
            return Math.Round(Math.Max(0, (f.SubmittedAt - from).TotalHours), 1);
        }

        var candidates = candidacies.Select(c =>
        {
            var scored = feedback[c.CandidacyId].Select(f => new ScoredFeedback(f, Hours(f, c.PresentedAt))).ToList();
            return new CandidateFeedback(c.CandidacyId, $"{c.FirstName} {c.LastName}", c.Stage, c.PresentedAt, scored,
                Means(scored.Select(s => s.Member).ToList(), criteria),
                Enum.GetValues<Recommendation>().ToDictionary(r => r.ToString(), r => scored.Count(s => s.Member.Recommendation == r)));
        }).ToList();

        var responsiveness = members.Select(m =>
        {
            var answered = candidates.SelectMany(c => c.Feedback).Where(f => f.Member.MemberId == m.MemberId).ToList();
            var hours = answered.Select(a => a.ResponseHours).OfType<double>().ToList();
            return new MemberResponsiveness(m.MemberId, m.Name, m.Email, m.InvitedAt, m.LastSignInAt, answered.Count, candidates.Count - answered.Count,
                hours.Count == 0 ? null : Math.Round(hours.Average(), 1), hours.Count == 0 ? null : hours.Max());
        }).ToList();

        return new CommitteeFeedbackReport(query.SearchId, criteria, responsiveness, candidates);
    }

    private static FeedbackMeans? Means(IReadOnlyList<MemberFeedback> feedback, IReadOnlyList<CriterionHeading> criteria)
    {
        if (feedback.Count == 0) return null;
        // Criterion scores are optional: means over the members who scored; none, no means.
        var scored = feedback.Where(f => f.Scores.Count > 0).ToList();
        var means = scored.Count == 0 ? new Dictionary<string, double>() : criteria.ToDictionary(c => c.Key,
            c => Math.Round(scored.Select(f => f.Scores.TryGetValue(c.Key, out var s) ? s : (int?)null).OfType<int>().DefaultIfEmpty().Average(), 2),
            StringComparer.OrdinalIgnoreCase);
        var weight = criteria.Sum(c => c.Weight);
        double? weighted = weight == 0 || scored.Count == 0 ? null : Math.Round(criteria.Sum(c => means[c.Key] / 5.0 * c.Weight) / weight * 100, 1);
        return new FeedbackMeans(Math.Round(feedback.Average(f => f.Rating), 2), means, weighted);
    }

    private sealed class MemberRow
    {
        public Guid MemberId { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public DateTimeOffset InvitedAt { get; init; }
        public DateTimeOffset? LastSignInAt { get; init; }
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
