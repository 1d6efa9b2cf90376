using System.Globalization;
using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// GET /api/board/briefs/{id}/pdf: a committee brief (or the committee's shortlist book) for a
/// member of that search's committee, stamped on every page with the member's name and the time
/// of download. Only Ready committee briefs about candidates presented to this committee, who
/// still consent; anything else is 404. Every download is an audit event.
/// </summary>
public sealed record GetBoardBriefPdf(Guid BriefId) : IQuery<BriefFile>, IBoardRequest;

internal sealed class GetBoardBriefPdfHandler(DbSession session, ICurrentBoardMember member, IBriefStore store, IBriefStamper stamper,
    AuditTrail audit, TimeProvider clock) : IQueryHandler<GetBoardBriefPdf, BriefFile>
{
    private const string Sql = """
        SELECT b.Id, b.SearchId, b.CandidacyId, b.Kind, b.Audience, b.Status, b.StorageKey, b.Sha256, b.ModelJson, s.CodeName
        FROM Briefs b JOIN Searches s ON s.Id = b.SearchId
        WHERE b.Id = @BriefId AND b.SearchId = @SearchId AND b.Audience = 'Committee' AND b.Status = 'Ready'
        """;

    public async ValueTask<BriefFile> Handle(GetBoardBriefPdf query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { query.BriefId, member.SearchId }, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("brief");
        // A book is only as presentable as every candidate in it.
        var candidacies = row.CandidacyId is { } one ? [one] : BriefModel.FromJson(row.ModelJson).Candidates.Select(c => c.CandidacyId).ToList();
        foreach (var candidacy in candidacies)
        {
            if (!await BoardAccess.IsPresentedAsync(connection, null, member.SearchId, candidacy, cancellationToken))
                throw new NotFoundException("brief");
        }

        var file = await GetBriefPdfHandler.ReadAsync(store, new GetBriefPdfHandler.StoredBrief
        {
            Id = row.Id, SearchId = row.SearchId, Kind = row.Kind, Status = row.Status, StorageKey = row.StorageKey, Sha256 = row.Sha256, CodeName = row.CodeName,
        }, cancellationToken);
        var at = clock.GetUtcNow().UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var stamped = stamper.Stamp(file.Content, $"Confidential copy for {member.Name} · downloaded {at} · not to be forwarded");
        await audit.RecordAsync("ReadBrief", "Brief", row.Id, row.SearchId, cancellationToken);
        return file with { Content = stamped };
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid SearchId { get; init; }
        public Guid? CandidacyId { get; init; }
        public string Kind { get; init; } = "";
        public string Audience { get; init; } = "";
        public string Status { get; init; } = "";
        public string? StorageKey { get; init; }
        public string? Sha256 { get; init; }
        public string ModelJson { get; init; } = "{}";
        public string CodeName { get; init; } = "";
    }
}
