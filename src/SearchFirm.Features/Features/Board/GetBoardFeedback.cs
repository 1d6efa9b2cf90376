using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// GET /api/board/candidacies/{id}/feedback: the member's own feedback, and colleagues' only once
/// the member has submitted their own (so that nobody anchors on the chair's scores).
/// </summary>
public sealed record GetBoardFeedback(Guid CandidacyId) : IQuery<BoardFeedbackView>, IBoardRequest;

/// <param name="Colleagues">Null until the member has submitted; then every other member's feedback.</param>
public sealed record BoardFeedbackView(Guid CandidacyId, MemberFeedback? Mine, bool ColleaguesHidden, IReadOnlyList<MemberFeedback>? Colleagues);

internal sealed class GetBoardFeedbackHandler(DbSession session, ICurrentBoardMember member) : IQueryHandler<GetBoardFeedback, BoardFeedbackView>
{
    public async ValueTask<BoardFeedbackView> Handle(GetBoardFeedback query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        if (!await BoardAccess.IsPresentedAsync(connection, null, member.SearchId, query.CandidacyId, cancellationToken))
            throw new NotFoundException("candidacy");
        var all = (await FeedbackRows.ReadAsync(connection, member.SearchId, query.CandidacyId, cancellationToken)).Select(f => f.Feedback).ToList();
        var mine = all.FirstOrDefault(f => f.MemberId == member.MemberId);
        return mine is null
            ? new BoardFeedbackView(query.CandidacyId, null, ColleaguesHidden: true, Colleagues: null)
            : new BoardFeedbackView(query.CandidacyId, mine, ColleaguesHidden: false, all.Where(f => f.MemberId != member.MemberId).ToList());
    }
}
