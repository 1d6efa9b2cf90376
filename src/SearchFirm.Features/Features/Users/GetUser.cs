using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Users;

/// <summary>GET /api/users/{id}: one member of staff, as the list shows them (where POST /api/users points).</summary>
public sealed record GetUser(Guid Id) : IQuery<UserSummary>;

public sealed class GetUserValidator : AbstractValidator<GetUser>
{
    public GetUserValidator() => RuleFor(x => x.Id).NotEqual(Guid.Empty);
}

internal sealed class GetUserHandler(DbSession session) : IQueryHandler<GetUser, UserSummary>
{
    internal const string Sql = "SELECT Id, Email, DisplayName, Role, IsEnabled FROM Users WHERE Id = @Id";

    public async ValueTask<UserSummary> Handle(GetUser query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserSummary>(new CommandDefinition(Sql, query, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("user");
    }
}
