using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Committees;

/// <summary>Signing out of the committee's portal: the session is revoked at once, not only forgotten by the browser.</summary>
public sealed record EndBoardSession(string Token) : ICommand, IBoardRequest;

internal sealed class EndBoardSessionHandler(DbSession session, TimeProvider clock) : ICommandHandler<EndBoardSession>
{
    private const string Sql = "UPDATE BoardSessions SET RevokedAt = @Now WHERE TokenHash = @TokenHash AND RevokedAt IS NULL";

    public async ValueTask<Unit> Handle(EndBoardSession command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { TokenHash = BoardTokens.Hash(command.Token), Now = clock.GetUtcNow() },
            session.Transaction, cancellationToken: cancellationToken));
        return Unit.Value;
    }
}
