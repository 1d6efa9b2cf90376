using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Clients;

/// <summary>POST /api/clients: an organisation that retains the firm; a parent makes it a subsidiary (off-limits protection is inherited).</summary>
public sealed record CreateClient(string? Name, ClientKind? Kind, Guid? ParentClientId = null) : ICommand<Created>;

public sealed class CreateClientValidator : AbstractValidator<CreateClient>
{
    public CreateClientValidator()
    {
        RuleFor(x => x.Name).Text(200);
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.ParentClientId).NotEqual(Guid.Empty);
    }
}

internal sealed class CreateClientHandler(DbSession session, TimeProvider clock) : ICommandHandler<CreateClient, Created>
{
    private const string ParentExistsSql = "SELECT COUNT(*) FROM Clients WHERE Id = @ParentClientId";
    private const string InsertSql = """
        INSERT INTO Clients (Id, Name, Kind, ParentClientId, CreatedAt)
        VALUES (@Id, @Name, @Kind, @ParentClientId, @CreatedAt)
        """;

    public async ValueTask<Created> Handle(CreateClient command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        if (command.ParentClientId is { } parent &&
            await connection.ExecuteScalarAsync<long>(new CommandDefinition(ParentExistsSql, new { ParentClientId = parent }, session.Transaction, cancellationToken: cancellationToken)) == 0)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("parentClientId", "No client has this id.")]);

        var id = Ids.New();
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id,
            Name = command.Name!.Trim(),
            Kind = command.Kind!.Value.ToString(),
            command.ParentClientId,
            CreatedAt = clock.GetUtcNow(),
        }, session.Transaction, cancellationToken: cancellationToken));

        return new Created(id);
    }
}
