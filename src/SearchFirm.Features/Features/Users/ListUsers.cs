using Dapper;
using Mediator;
using SearchFirm.Data;

namespace SearchFirm.Features.Users;

/// <summary>GET /api/users: the firm's staff, so that a lead partner can staff a search.</summary>
public sealed record ListUsers : IQuery<IReadOnlyList<UserSummary>>;

internal sealed class ListUsersHandler(DbSession session) : IQueryHandler<ListUsers, IReadOnlyList<UserSummary>>
{
    private const string Sql = "SELECT Id, Email, DisplayName, Role, IsEnabled FROM Users ORDER BY DisplayName, Id";

    public async ValueTask<IReadOnlyList<UserSummary>> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<UserSummary>(new CommandDefinition(Sql, cancellationToken: cancellationToken))).AsList();
    }
}
