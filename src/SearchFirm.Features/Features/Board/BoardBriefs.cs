using Dapper;
using SearchFirm.Data;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// The briefs a committee member may see: Ready committee briefs of their search whose candidates
/// (every one, for a shortlist book) are presented to the committee and still consent. Anything
/// else does not exist for them (404).
/// </summary>
internal static class BoardBriefs
{
    private const string Sql = """
        SELECT b.Id, b.SearchId, b.CandidacyId, b.Kind, b.Audience, b.Status, b.StorageKey, b.Sha256, b.SizeBytes, b.PageCount, b.ReadyAt, b.ModelJson, s.CodeName
        FROM Briefs b JOIN Searches s ON s.Id = b.SearchId
        WHERE b.Id = @BriefId AND b.SearchId = @SearchId AND b.Audience = 'Committee' AND b.Status = 'Ready'
        """;

    public static async Task<Row> FindAsync(DbSession session, ICurrentBoardMember member, Guid briefId, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { BriefId = briefId, member.SearchId }, session.Transaction, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("brief");
        // A book is only as presentable as every candidate in it.
        var candidacies = row.CandidacyId is { } one ? [one] : BriefModel.FromJson(row.ModelJson).Candidates.Select(c => c.CandidacyId).ToList();
        foreach (var candidacy in candidacies)
        {
            if (!await BoardAccess.IsPresentedAsync(connection, session.Transaction, member.SearchId, candidacy, cancellationToken))
                throw new NotFoundException("brief");
        }

        return row;
    }

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public Guid SearchId { get; init; }
        public Guid? CandidacyId { get; init; }
        public string Kind { get; init; } = "";
        public string Audience { get; init; } = "";
        public string Status { get; init; } = "";
        public string? StorageKey { get; init; }
        public string? Sha256 { get; init; }
        public long? SizeBytes { get; init; }
        public int? PageCount { get; init; }
        public DateTimeOffset? ReadyAt { get; init; }
        public string ModelJson { get; init; } = "{}";
        public string CodeName { get; init; } = "";
    }
}
