using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Users;

/// <summary>POST /api/users: an admin adds a member of staff.</summary>
[RequireRole(Domain.Users.Role.Admin)]
public sealed record CreateUser(string? Email, string? DisplayName, Role? Role, string? Password) : ICommand<Created>;


public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Email).ValidEmail();
        RuleFor(x => x.DisplayName).Text(200);
        RuleFor(x => x.Role).NotNull().IsInEnum();
        RuleFor(x => x.Password).StrongPassword();
    }
}

internal sealed class CreateUserHandler(DbSession session, ISqlDialect dialect, IPasswordHasher<StaffAccount> hasher, TimeProvider clock)
    : ICommandHandler<CreateUser, Created>
{
    internal const string InsertSql = """
        INSERT INTO Users (Id, Email, DisplayName, Role, PasswordHash, IsEnabled, CreatedAt)
        VALUES (@Id, @Email, @DisplayName, @Role, @PasswordHash, 1, @CreatedAt)
        """;

    public async ValueTask<Created> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        var id = Ids.New();
        var connection = await session.ConnectionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                Id = id,
                Email = command.Email!.Trim(),
                DisplayName = command.DisplayName!.Trim(),
                Role = command.Role!.Value.ToString(),
                PasswordHash = hasher.HashPassword(StaffAccount.Instance, command.Password!),
                CreatedAt = clock.GetUtcNow(),
            }, session.Transaction, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            throw new ConflictException("duplicate-email", "A user with this e-mail already exists.");
        }

        return new Created(id);
    }
}
