using Mediator;
using Microsoft.Extensions.Logging;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Pipeline;

/// <summary>
/// Wraps every command in one transaction on the request's session; queries pass straight through.
/// Every command that succeeds leaves an audit event in the same transaction, so that no change
/// is ever stored without its trace. Work registered on <see cref="AfterCommit"/> runs only once
/// the commit succeeded; work registered on <see cref="OnRollback"/> (undoing a stored file) runs
/// only if it did not. A command that <see cref="IDecidesBeforeWriting"/> opens the transaction
/// itself once it has decided; it is opened here only if the handler wrote nothing.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(
    DbSession session, AfterCommit afterCommit, OnRollback onRollback, AuditTrail audit, ILogger<TransactionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || session.Transaction is not null)
            return await next(message, cancellationToken);

        if (message is not IDecidesBeforeWriting)
            await session.BeginAsync(cancellationToken);
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
            if (session.Transaction is null)
                await session.BeginAsync(cancellationToken);
            await RecordAsync(message, response, cancellationToken);
            // The commit must not be cancelled half-way by a client that hangs up.
            await session.CommitAsync(CancellationToken.None);
        }
        catch
        {
            afterCommit.Discard();
            try
            {
                await session.RollbackAsync();
            }
            finally
            {
                await onRollback.RunAsync(logger);
            }

            throw;
        }

        onRollback.Forget();
        await afterCommit.RunAsync(CancellationToken.None);
        return response;
    }

    private Task RecordAsync(TMessage message, TResponse response, CancellationToken cancellationToken)
    {
        var result = response as IAuditedResult;
        var searchId = (message as ISearchScoped)?.SearchId ?? result?.SearchId;
        var (type, id) = message switch
        {
            IAudited audited => (audited.EntityType, audited.EntityId),
            ISearchScoped scoped => ("Search", scoped.SearchId),
            _ when result is not null => (result.EntityType, result.EntityId),
            _ => (null, (response as Created)?.Id),
        };
        return audit.RecordAsync(typeof(TMessage).Name, type, id, searchId, cancellationToken);
    }
}
