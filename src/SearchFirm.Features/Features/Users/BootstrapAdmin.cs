using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using SearchFirm.Data;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Users;

public sealed class BootstrapOptions
{
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}

/// <summary>
/// Creates the first admin when the firm has no user yet, from Bootstrap:AdminEmail and
/// Bootstrap:AdminPassword, or with a generated one-time password printed once to the console
/// (never to the log, which may be shipped elsewhere).
/// </summary>
public sealed partial class BootstrapAdmin(IConnectionFactory factory, IPasswordHasher<StaffAccount> hasher, TimeProvider clock, ILogger<BootstrapAdmin> logger)
{
    public const string DefaultEmail = "admin@searchfirm.local";

    private const string AnyUserSql = "SELECT COUNT(*) FROM Users";

    public async Task EnsureAsync(BootstrapOptions options, TextWriter console, CancellationToken cancellationToken = default)
    {
        await using var connection = await factory.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(AnyUserSql) > 0) return;

        var email = string.IsNullOrWhiteSpace(options.AdminEmail) ? DefaultEmail : options.AdminEmail.Trim();
        var generated = string.IsNullOrEmpty(options.AdminPassword);
        var password = generated ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)) : options.AdminPassword!;
        if (password.Length < ValidationRules.MinPasswordLength)
            throw new InvalidOperationException($"Bootstrap:AdminPassword must have at least {ValidationRules.MinPasswordLength} characters.");

        await connection.ExecuteAsync(CreateUserHandler.InsertSql, new
        {
            Id = Ids.New(),
            Email = email,
            DisplayName = "Administrator",
            Role = nameof(Domain.Users.Role.Admin),
            PasswordHash = hasher.HashPassword(StaffAccount.Instance, password),
            CreatedAt = clock.GetUtcNow(),
        });
        Created(email);
        if (generated)
            await console.WriteLineAsync($"""

                ================================================================
                 First admin created: {email}
                 One-time password:   {password}
                 Sign in with POST /api/auth/token and create your staff.
                ================================================================

                """);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin account {Email}")]
    private partial void Created(string email);
}
