using System.Text.Json.Serialization;
using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// POST /api/briefs/{id}/retry: renders a failed (or stuck) brief again with a fresh set of
/// attempts. A Ready brief is immutable: 422 brief-ready. One being rendered is left alone.
/// </summary>
public sealed record RetryBrief(Guid BriefId) : ICommand<BriefAccepted>, IBriefScoped, IAudited
{
    [JsonIgnore]
    public string EntityType => "Brief";

    [JsonIgnore]
    Guid? IAudited.EntityId => BriefId;
}

internal sealed class RetryBriefHandler(DbSession session, AfterCommit afterCommit, IBriefQueue queue, TimeProvider clock)
    : ICommandHandler<RetryBrief, BriefAccepted>
{
    public const string AlreadyReady = "brief-ready";

    private const string StatusSql = "SELECT Status FROM Briefs WHERE Id = @BriefId";

    private const string RequeueSql = """
        UPDATE Briefs SET Status = 'Requested', Attempts = 0, Error = NULL, LeaseOwner = NULL, LeaseUntil = NULL, UpdatedAt = @Now
        WHERE Id = @BriefId AND Status IN ('Failed', 'Requested')
        """;

    public async ValueTask<BriefAccepted> Handle(RetryBrief command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var status = Enum.Parse<BriefStatus>(await connection.QuerySingleAsync<string>(new CommandDefinition(StatusSql, command, session.Transaction, cancellationToken: cancellationToken)));
        switch (status)
        {
            case BriefStatus.Ready:
                throw new RuleViolationException(AlreadyReady, "The brief is Ready; a ready brief is never rendered again. Request a new one if its data changed.");
            case BriefStatus.Rendering:
                return new BriefAccepted(command.BriefId, status);
            default:
                await connection.ExecuteAsync(new CommandDefinition(RequeueSql, new { command.BriefId, Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken));
                afterCommit.Add(() => queue.Enqueue(command.BriefId));
                return new BriefAccepted(command.BriefId, BriefStatus.Requested);
        }
    }
}
