using Dapper;
using SearchFirm.Data;

namespace SearchFirm.Features.Committees;

/// <summary>The browser cookie that carries a board session (HttpOnly, SameSite=Strict).</summary>
public static class BoardCookie
{
    public const string Name = "searchfirm_board";
}

/// <summary>A live board session found by its token, for the host's board authentication scheme.</summary>
public sealed class BoardPrincipal
{
    public Guid MemberId { get; init; }
    public Guid SearchId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
}

/// <summary>Looks board sessions up by hashed token on every request, so that expiry bites at once.</summary>
public sealed class BoardSessions(DbSession session, TimeProvider clock)
{
    private const string Sql = """
        SELECT m.Id AS MemberId, m.SearchId, m.Name, m.Email
        FROM BoardSessions b JOIN CommitteeMembers m ON m.Id = b.MemberId
        WHERE b.TokenHash = @TokenHash AND b.RevokedAt IS NULL AND b.ExpiresAt > @Now
        """;

    public static bool LooksLikeBoardToken(string token) => token.StartsWith(BoardTokens.SessionPrefix, StringComparison.Ordinal);

    public async Task<BoardPrincipal?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeBoardToken(token)) return null;
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BoardPrincipal>(new CommandDefinition(Sql,
            new { TokenHash = BoardTokens.Hash(token), Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken));
    }
}
