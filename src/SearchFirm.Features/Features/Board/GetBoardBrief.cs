using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// GET /api/briefs/{id} for a committee member: a brief they may read (see <see cref="BoardBriefs"/>),
/// without the team's bookkeeping (attempts, hashes, errors).
/// </summary>
public sealed record GetBoardBrief(Guid BriefId) : IQuery<BoardBriefDetail>, IBoardRequest;

public sealed record BoardBriefDetail(Guid Id, Guid SearchId, Guid? CandidacyId, BriefKind Kind, BriefStatus Status, int? PageCount, DateTimeOffset? ReadyAt)
{
    public string PdfUrl => $"/api/briefs/{Id}/pdf";
}

internal sealed class GetBoardBriefHandler(DbSession session, ICurrentBoardMember member) : IQueryHandler<GetBoardBrief, BoardBriefDetail>
{
    public async ValueTask<BoardBriefDetail> Handle(GetBoardBrief query, CancellationToken cancellationToken)
    {
        var row = await BoardBriefs.FindAsync(session, member, query.BriefId, cancellationToken);
        return new BoardBriefDetail(row.Id, row.SearchId, row.CandidacyId, Enum.Parse<BriefKind>(row.Kind), Enum.Parse<BriefStatus>(row.Status), row.PageCount, row.ReadyAt);
    }
}
