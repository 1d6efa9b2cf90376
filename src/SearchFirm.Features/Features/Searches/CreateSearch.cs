using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Searches;

/// <summary>
/// POST /api/searches: a partner opens an engagement. The creator leads it and is its first team
/// member; the specification starts from the CMO career model for the client's kind.
/// </summary>
[RequireRole(Role.Partner, Role.Admin)]
public sealed record CreateSearch(Guid? ClientId, string? Title, string? CodeName) : ICommand<Created>;

public sealed class CreateSearchValidator : AbstractValidator<CreateSearch>
{
    public CreateSearchValidator()
    {
        RuleFor(x => x.ClientId).Id();
        RuleFor(x => x.Title).Text(200);
        RuleFor(x => x.CodeName).Text(100);
    }
}

internal sealed class CreateSearchHandler(DbSession session, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CreateSearch, Created>
{
    private const string ClientKindSql = "SELECT Kind FROM Clients WHERE Id = @ClientId";
    private const string InsertSearchSql = """
        INSERT INTO Searches (Id, ClientId, Title, CodeName, Status, LeadPartnerId, Version, CreatedAt, UpdatedAt)
        VALUES (@Id, @ClientId, @Title, @CodeName, @Status, @LeadPartnerId, 1, @Now, @Now)
        """;
    private const string InsertTeamMemberSql = "INSERT INTO SearchTeamMembers (SearchId, UserId, AddedAt) VALUES (@SearchId, @UserId, @Now)";

    public async ValueTask<Created> Handle(CreateSearch command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var storedKind = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(ClientKindSql,
            new { command.ClientId }, session.Transaction, cancellationToken: cancellationToken))
            ?? throw new ValidationException([new ValidationFailure("clientId", "No client has this id.")]);
        var kind = Enum.Parse<ClientKind>(storedKind);

        var id = Ids.New();
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(InsertSearchSql, new
        {
            Id = id,
            command.ClientId,
            Title = command.Title!.Trim(),
            CodeName = command.CodeName!.Trim(),
            Status = nameof(SearchStatus.Draft),
            LeadPartnerId = user.Id,
            Now = now,
        }, session.Transaction, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition(InsertTeamMemberSql,
            new { SearchId = id, UserId = user.Id, Now = now }, session.Transaction, cancellationToken: cancellationToken));
        await Specification.WriteAsync(connection, session.Transaction, id, DefaultSpecification.For(kind), cancellationToken);
        return new Created(id);
    }
}
