using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Auth;

/// <summary>POST /api/auth/token: e-mail and password for a bearer token.</summary>
[AllowAnonymous]
public sealed record IssueToken(string? Email, string? Password) : ICommand<IssuedToken>;

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

public sealed class IssueTokenValidator : AbstractValidator<IssueToken>
{
    public IssueTokenValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(320);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(256);
    }
}

public sealed class AuthOptions
{
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}

internal sealed class IssueTokenHandler(
    DbSession session,
    IPasswordHasher<StaffAccount> hasher,
    SignInThrottle throttle,
    ICurrentUser caller,
    IOptions<AuthOptions> options,
    TimeProvider clock) : ICommandHandler<IssueToken, IssuedToken>
{
    private const string FindUserSql = "SELECT Id, PasswordHash, IsEnabled FROM Users WHERE Email = @Email";
    private const string RehashSql = "UPDATE Users SET PasswordHash = @PasswordHash WHERE Id = @Id";
    private const string InsertTokenSql = """
        INSERT INTO AccessTokens (Id, UserId, TokenHash, CreatedAt, ExpiresAt)
        VALUES (@Id, @UserId, @TokenHash, @CreatedAt, @ExpiresAt)
        """;

    // Verified against when the e-mail is unknown, so that a wrong e-mail costs as long as a wrong password.
    private static readonly string DecoyHash = new PasswordHasher<StaffAccount>().HashPassword(StaffAccount.Instance, "decoy-password");

    public async ValueTask<IssuedToken> Handle(IssueToken command, CancellationToken cancellationToken)
    {
        var email = command.Email!.Trim();
        if (throttle.RetryAfter(email, caller.IpAddress) is { } wait)
            throw new TooManyRequestsException(wait);

        var connection = await session.ConnectionAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(FindUserSql,
            new { Email = email }, session.Transaction, cancellationToken: cancellationToken));

        var result = hasher.VerifyHashedPassword(StaffAccount.Instance, user?.PasswordHash ?? DecoyHash, command.Password!);
        if (user is null || !user.IsEnabled || result == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(email, caller.IpAddress);
            throw new UnauthorizedException("The e-mail or password is incorrect.");
        }

        throttle.RecordSuccess(email);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await connection.ExecuteAsync(new CommandDefinition(RehashSql,
                new { user.Id, PasswordHash = hasher.HashPassword(StaffAccount.Instance, command.Password!) }, session.Transaction, cancellationToken: cancellationToken));

        var token = AccessTokens.NewToken();
        var now = clock.GetUtcNow();
        var expiresAt = now + options.Value.TokenLifetime;
        await connection.ExecuteAsync(new CommandDefinition(InsertTokenSql,
            new { Id = Ids.New(), UserId = user.Id, TokenHash = AccessTokens.Hash(token), CreatedAt = now, ExpiresAt = expiresAt },
            session.Transaction, cancellationToken: cancellationToken));
        return new IssuedToken(token, expiresAt);
    }

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public string PasswordHash { get; init; } = "";
        public bool IsEnabled { get; init; }
    }
}

/// <summary>PasswordHasher is generic over a user type it never reads; this is ours.</summary>
public sealed class StaffAccount
{
    public static readonly StaffAccount Instance = new();
}
