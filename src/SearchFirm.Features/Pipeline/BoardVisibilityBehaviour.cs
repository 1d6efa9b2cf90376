using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Board;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Pipeline;

/// <summary>
/// The one rule of what a committee member may see, for every board request that declares what it
/// is about: their own search (<see cref="IBoardSearchScoped"/>) and, in it, only candidacies presented
/// to the committee whose candidate still consents (<see cref="IPresentedCandidacyScoped"/>, decided
/// by <see cref="BoardAccess"/>). Anything else is 404. It runs after validation, as the handlers'
/// own checks did (bad input is 400 whoever it names), and inside a command's transaction, so that
/// a consent withdrawn meanwhile stops the write.
/// </summary>
public sealed class BoardVisibilityBehaviour<TMessage, TResponse>(ICurrentBoardMember board, DbSession session)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IBoardSearchScoped scoped && scoped.SearchId != board.SearchId)
            throw new NotFoundException("search");
        if (message is IPresentedCandidacyScoped presented
            && !await BoardAccess.IsPresentedAsync(session, board.SearchId, presented.CandidacyId, cancellationToken))
            throw new NotFoundException("candidacy");
        return await next(message, cancellationToken);
    }
}
