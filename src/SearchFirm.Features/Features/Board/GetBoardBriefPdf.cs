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
    public async ValueTask<BriefFile> Handle(GetBoardBriefPdf query, CancellationToken cancellationToken)
    {
        var row = await BoardBriefs.FindAsync(session, member, query.BriefId, cancellationToken);

        var file = await GetBriefPdfHandler.ReadAsync(store, new GetBriefPdfHandler.StoredBrief
        {
            Id = row.Id, SearchId = row.SearchId, Kind = row.Kind, Status = row.Status, StorageKey = row.StorageKey, Sha256 = row.Sha256, CodeName = row.CodeName,
        }, cancellationToken);
        var at = clock.GetUtcNow().UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var stamped = stamper.Stamp(file.Content, $"Confidential copy for {member.Name} · downloaded {at} · not to be forwarded");
        await audit.RecordAsync("ReadBrief", "Brief", row.Id, row.SearchId, cancellationToken);
        return file with { Content = stamped };
    }
}
