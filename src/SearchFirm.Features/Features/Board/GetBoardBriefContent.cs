using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// A committee brief's content, for reading it in the committee's page: the same immutable model the
/// PDF was printed from, so the page and the download never disagree. The same briefs as the PDF
/// route (<see cref="BoardBriefs"/>); every read is an audit event.
/// </summary>
public sealed record GetBoardBriefContent(Guid BriefId) : IQuery<BriefModel>, IBoardRequest;

internal sealed class GetBoardBriefContentHandler(DbSession session, ICurrentBoardMember member, AuditTrail audit) : IQueryHandler<GetBoardBriefContent, BriefModel>
{
    public async ValueTask<BriefModel> Handle(GetBoardBriefContent query, CancellationToken cancellationToken)
    {
        var row = await BoardBriefs.FindAsync(session, member, query.BriefId, cancellationToken);
        await audit.RecordAsync("ReadBrief", "Brief", row.Id, row.SearchId, cancellationToken);
        return BriefModel.FromJson(row.ModelJson);
    }
}
