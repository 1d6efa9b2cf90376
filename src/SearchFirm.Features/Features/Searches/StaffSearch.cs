using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Searches;

/// <summary>PUT /api/searches/{id}/team/{userId}: the lead partner adds a colleague. Adding someone already on the team changes nothing.</summary>
public sealed record AddTeamMember(Guid SearchId, Guid UserId) : ICommand, ISearchScoped;

/// <summary>DELETE /api/searches/{id}/team/{userId}: the lead partner takes a colleague off. The lead stays.</summary>
public sealed record RemoveTeamMember(Guid SearchId, Guid UserId) : ICommand, ISearchScoped;

internal sealed class StaffSearchHandler(DbSession session, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<AddTeamMember>, ICommandHandler<RemoveTeamMember>
{
    private const string EnabledUserSql = "SELECT COUNT(*) FROM Users WHERE Id = @UserId AND IsEnabled = 1";
    private const string IsMemberSql = "SELECT COUNT(*) FROM SearchTeamMembers WHERE SearchId = @SearchId AND UserId = @UserId";
    private const string InsertSql = "INSERT INTO SearchTeamMembers (SearchId, UserId, AddedAt) VALUES (@SearchId, @UserId, @Now)";
    private const string DeleteSql = "DELETE FROM SearchTeamMembers WHERE SearchId = @SearchId AND UserId = @UserId";

    public async ValueTask<Unit> Handle(AddTeamMember command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await SearchHeader.ForLeadAsync(connection, session.Transaction, command.SearchId, user, cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(EnabledUserSql, command, session.Transaction, cancellationToken: cancellationToken)) == 0)
            throw new NotFoundException("user");
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(IsMemberSql, command, session.Transaction, cancellationToken: cancellationToken)) == 0)
            await connection.ExecuteAsync(new CommandDefinition(InsertSql,
                new { command.SearchId, command.UserId, Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken));
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(RemoveTeamMember command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var search = await SearchHeader.ForLeadAsync(connection, session.Transaction, command.SearchId, user, cancellationToken);
        if (search.LeadPartnerId == command.UserId)
            throw new RuleViolationException("lead-stays-on-team", "The lead partner cannot be taken off the search's team.");
        var removed = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, command, session.Transaction, cancellationToken: cancellationToken));
        if (removed == 0) throw new NotFoundException("team member");
        return Unit.Value;
    }
}
