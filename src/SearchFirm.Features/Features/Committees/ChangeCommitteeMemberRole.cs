using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Committees;

/// <summary>Voting members decide; advisory members (a CNO, an HR lead) inform and are counted apart.</summary>
public enum CommitteeRole
{
    Voting,
    Advisory,
}

/// <summary>
/// PUT /api/searches/{id}/committee/members/{memberId}/role (team): makes a member voting or
/// advisory. Their feedback already given stays; the report counts it by the role they have now.
/// </summary>
public sealed record ChangeCommitteeMemberRole : ICommand<CommitteeMemberRole>, ISearchScoped
{
    [JsonIgnore]
    public Guid SearchId { get; init; }

    [JsonIgnore]
    public Guid MemberId { get; init; }

    public CommitteeRole? Role { get; init; }
}

public sealed record CommitteeMemberRole(Guid MemberId, string Name, CommitteeRole Role);

public sealed class ChangeCommitteeMemberRoleValidator : AbstractValidator<ChangeCommitteeMemberRole>
{
    public ChangeCommitteeMemberRoleValidator() => RuleFor(x => x.Role).NotNull().IsInEnum();
}

internal sealed class ChangeCommitteeMemberRoleHandler(DbSession session) : ICommandHandler<ChangeCommitteeMemberRole, CommitteeMemberRole>
{
    private const string UpdateSql = "UPDATE CommitteeMembers SET Role = @Role WHERE Id = @MemberId AND SearchId = @SearchId";
    private const string NameSql = "SELECT Name FROM CommitteeMembers WHERE Id = @MemberId";

    public async ValueTask<CommitteeMemberRole> Handle(ChangeCommitteeMemberRole command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var tx = session.Transaction;
        var role = command.Role!.Value;
        // The search is the caller's (ISearchScoped); a member of another search does not exist here.
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql,
            new { command.MemberId, command.SearchId, Role = role.ToString() }, tx, cancellationToken: cancellationToken));
        if (changed == 0) throw new NotFoundException("committee member");
        var name = await connection.QuerySingleAsync<string>(new CommandDefinition(NameSql, command, tx, cancellationToken: cancellationToken));
        return new CommitteeMemberRole(command.MemberId, name, role);
    }
}
