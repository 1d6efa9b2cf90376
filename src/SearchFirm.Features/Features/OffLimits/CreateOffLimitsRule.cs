using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.OffLimits;

/// <summary>POST /api/off-limits: a partner or admin puts a client's people off-limits until a date, beside the automatic rules.</summary>
[RequireRole(Role.Partner, Role.Admin)]
public sealed record CreateOffLimitsRule(Guid? ClientId, DateTimeOffset? Until, string? Reason) : ICommand<Created>;

public sealed class CreateOffLimitsRuleValidator : AbstractValidator<CreateOffLimitsRule>
{
    public CreateOffLimitsRuleValidator(TimeProvider clock)
    {
        RuleFor(x => x.ClientId).Id();
        RuleFor(x => x.Until).NotNull().Must(u => u is null || u > clock.GetUtcNow()).WithMessage("'until' must be in the future.");
        RuleFor(x => x.Reason).Text(1000);
    }
}

internal sealed class CreateOffLimitsRuleHandler(DbSession session, ICurrentUser user, TimeProvider clock) : ICommandHandler<CreateOffLimitsRule, Created>
{
    private const string ClientExistsSql = "SELECT COUNT(*) FROM Clients WHERE Id = @ClientId";
    private const string InsertSql = """
        INSERT INTO OffLimitsRules (Id, ClientId, Until, Reason, CreatedBy, CreatedAt)
        VALUES (@Id, @ClientId, @Until, @Reason, @CreatedBy, @CreatedAt)
        """;

    public async ValueTask<Created> Handle(CreateOffLimitsRule command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(ClientExistsSql, command, session.Transaction, cancellationToken: cancellationToken)) == 0)
            throw new ValidationException([new ValidationFailure("clientId", "No client has this id.")]);
        var id = Ids.New();
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = id, command.ClientId, Until = command.Until!.Value, Reason = command.Reason!.Trim(), CreatedBy = user.Id, CreatedAt = clock.GetUtcNow(),
        }, session.Transaction, cancellationToken: cancellationToken));
        return new Created(id);
    }
}
