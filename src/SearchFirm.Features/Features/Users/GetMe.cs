using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Users;

/// <summary>GET /api/me: who the token belongs to.</summary>
public sealed record GetMe : IQuery<UserSummary>;

public sealed class UserSummary
{
    public Guid Id { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public Role Role { get; init; }
    public bool IsEnabled { get; init; }
}

internal sealed class GetMeHandler(DbSession session, ICurrentUser user) : IQueryHandler<GetMe, UserSummary>
{
    public async ValueTask<UserSummary> Handle(GetMe query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserSummary>(new CommandDefinition(GetUserHandler.Sql, new { user.Id }, cancellationToken: cancellationToken))
            ?? throw new UnauthorizedException();
    }
}
