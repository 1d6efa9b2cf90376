using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Pipeline;

/// <summary>
/// Wraps every command in one transaction on the request's session; queries pass straight through.
/// Work registered on <see cref="AfterCommit"/> runs only once the commit succeeded.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(DbSession session, AfterCommit afterCommit)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || session.Transaction is not null)
            return await next(message, cancellationToken);

        await session.BeginAsync(cancellationToken);
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
            // The commit must not be cancelled half-way by a client that hangs up.
            await session.CommitAsync(CancellationToken.None);
        }
        catch
        {
            afterCommit.Discard();
            await session.RollbackAsync();
            throw;
        }

        await afterCommit.RunAsync(CancellationToken.None);
        return response;
    }
}
