using System.Data.Common;
using Dapper;
using SearchFirm.Features.Committees;

namespace SearchFirm.Features.Board;

/// <summary>One member's feedback on one candidacy, as the team and (after scoring) colleagues see it.</summary>
public sealed record MemberFeedback(
    Guid MemberId, string MemberName, int Rating, Recommendation Recommendation, string? Comment,
    IReadOnlyDictionary<string, int> Scores, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, CommitteeRole Role);

/// <summary>Reads feedback with its scores for a search, or for one candidacy.</summary>
internal static class FeedbackRows
{
    private const string FeedbackSql = """
        SELECT f.Id, f.MemberId, m.Name AS MemberName, m.Role, f.CandidacyId, f.Rating, f.Recommendation, f.Comment, f.SubmittedAt, f.UpdatedAt
        FROM CommitteeFeedback f JOIN CommitteeMembers m ON m.Id = f.MemberId
        WHERE f.SearchId = @SearchId AND (@CandidacyId IS NULL OR f.CandidacyId = @CandidacyId)
        ORDER BY f.SubmittedAt, f.Id
        """;
    private const string ScoresSql = """
        SELECT sc.FeedbackId, sc.CriterionKey, sc.Score
        FROM CommitteeScores sc JOIN CommitteeFeedback f ON f.Id = sc.FeedbackId
        WHERE f.SearchId = @SearchId AND (@CandidacyId IS NULL OR f.CandidacyId = @CandidacyId)
        """;

    public static async Task<IReadOnlyList<(Guid CandidacyId, MemberFeedback Feedback)>> ReadAsync(DbConnection connection, Guid searchId, Guid? candidacyId, CancellationToken ct)
    {
        var parameters = new { SearchId = searchId, CandidacyId = candidacyId };
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(FeedbackSql, parameters, cancellationToken: ct))).AsList();
        var scores = (await connection.QueryAsync<ScoreRow>(new CommandDefinition(ScoresSql, parameters, cancellationToken: ct)))
            .ToLookup(s => s.FeedbackId);
        return rows.Select(r => (r.CandidacyId, new MemberFeedback(r.MemberId, r.MemberName, r.Rating, Enum.Parse<Recommendation>(r.Recommendation), r.Comment,
            scores[r.Id].ToDictionary(s => s.CriterionKey, s => s.Score, StringComparer.OrdinalIgnoreCase), r.SubmittedAt, r.UpdatedAt, Enum.Parse<CommitteeRole>(r.Role)))).ToList();
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid MemberId { get; init; }
        public string MemberName { get; init; } = "";
        public string Role { get; init; } = "";
        public Guid CandidacyId { get; init; }
        public int Rating { get; init; }
        public string Recommendation { get; init; } = "";
        public string? Comment { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }

    private sealed class ScoreRow
    {
        public Guid FeedbackId { get; init; }
        public string CriterionKey { get; init; } = "";
        public int Score { get; init; }
    }
}
