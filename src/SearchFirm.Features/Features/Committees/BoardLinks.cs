using System.Data.Common;
using Dapper;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Committees;

/// <summary>
/// Issuing a member's one-time sign-in link: the unused ones before it are voided, so only the
/// newest e-mail works. Used by the invitation and by "send me a new link".
/// </summary>
internal static class BoardLinks
{
    private const string VoidSql = "UPDATE BoardSignInLinks SET RevokedAt = @Now WHERE MemberId = @MemberId AND UsedAt IS NULL AND RevokedAt IS NULL";
    private const string InsertSql = """
        INSERT INTO BoardSignInLinks (Id, MemberId, TokenHash, CreatedAt, ExpiresAt) VALUES (@Id, @MemberId, @TokenHash, @Now, @ExpiresAt)
        """;

    /// <returns>The link's token, to e-mail once the transaction commits.</returns>
    public static async Task<string> IssueAsync(DbConnection connection, DbTransaction? tx, Guid memberId, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var token = BoardTokens.NewLink();
        await connection.ExecuteAsync(new CommandDefinition(VoidSql, new { MemberId = memberId, Now = now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertSql,
            new { Id = Ids.New(), MemberId = memberId, TokenHash = BoardTokens.Hash(token), Now = now, ExpiresAt = expiresAt }, tx, cancellationToken: ct));
        return token;
    }

    public static string Url(IPublicAddress address, BoardOptions options, string token) =>
        $"{address.BaseUrl(options.PublicBaseUrl)}/board/sign-in?token={Uri.EscapeDataString(token)}";
}
