using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Users;

/// <summary>PUT /api/users/{id}/enabled: an admin disables or re-enables an account. A disabled account's tokens stop working at once.</summary>
[RequireRole(Role.Admin)]
public sealed record SetUserEnabled(Guid UserId, bool? Enabled) : ICommand;

public sealed class SetUserEnabledValidator : AbstractValidator<SetUserEnabled>
{
    public SetUserEnabledValidator() => RuleFor(x => x.Enabled).NotNull();
}

internal sealed class SetUserEnabledHandler(DbSession session, ICurrentUser caller, TimeProvider clock) : ICommandHandler<SetUserEnabled>
{
    private const string UpdateSql = "UPDATE Users SET IsEnabled = @Enabled WHERE Id = @UserId";
    private const string RevokeSql = "UPDATE AccessTokens SET RevokedAt = @Now WHERE UserId = @UserId AND RevokedAt IS NULL";

    public async ValueTask<Unit> Handle(SetUserEnabled command, CancellationToken cancellationToken)
    {
        if (command.UserId == caller.Id && command.Enabled == false)
            throw new RuleViolationException("cannot-disable-self", "You cannot disable your own account.");

        var connection = await session.ConnectionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql,
            new { command.UserId, Enabled = command.Enabled!.Value }, session.Transaction, cancellationToken: cancellationToken));
        if (changed == 0) throw new NotFoundException("user");

        if (command.Enabled == false)
            await connection.ExecuteAsync(new CommandDefinition(RevokeSql,
                new { command.UserId, Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken));
        return Unit.Value;
    }
}
