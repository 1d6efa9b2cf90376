using System.Security.Cryptography;
using System.Text;
using Dapper;
using SearchFirm.Data;
using SearchFirm.Domain.Users;

namespace SearchFirm.Features.Auth;

public sealed record AuthenticatedUser(Guid Id, string Email, string DisplayName, Role Role);

/// <summary>
/// Bearer tokens: 256 random bits handed out once, stored only as their SHA-256, so a copy of the
/// database gives no usable token. A disabled account or a revoked token stops working at once
/// because every request looks the token up.
/// </summary>
public sealed class AccessTokens(DbSession session, TimeProvider clock)
{
    private const string FindSql = """
        SELECT u.Id, u.Email, u.DisplayName, u.Role
        FROM AccessTokens t
        JOIN Users u ON u.Id = t.UserId
        WHERE t.TokenHash = @Hash AND t.RevokedAt IS NULL AND t.ExpiresAt > @Now AND u.IsEnabled = 1
        """;

    private const string RevokeSql = "UPDATE AccessTokens SET RevokedAt = @Now WHERE TokenHash = @Hash AND RevokedAt IS NULL";

    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<AuthenticatedUser?> FindAsync(string token, CancellationToken cancellationToken)
    {
        // Anything that is not the shape we issue is refused without a query.
        if (token.Length is < 40 or > 64) return null;
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(FindSql,
            new { Hash = Hash(token), Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken));
        return row is null ? null : new AuthenticatedUser(row.Id, row.Email, row.DisplayName, row.Role);
    }

    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RevokeSql,
            new { Hash = Hash(token), Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken));
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public Role Role { get; init; }
    }
}
