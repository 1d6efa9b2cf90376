using System.Data.Common;
using Dapper;
using SearchFirm.Data;

namespace SearchFirm.Features.Portal;

/// <summary>The browser cookie that carries a candidate's portal session (HttpOnly, SameSite=Strict).</summary>
public static class CandidateCookie
{
    public const string Name = "searchfirm_candidate";
}

/// <summary>
/// Candidate sessions looked up by hashed token on every request, so that expiry, sign-out and
/// erasure bite at once; an erased candidate has no session.
/// </summary>
public sealed class CandidateSessions(DbSession session, TimeProvider clock)
{
    private const string FindSql = """
        SELECT s.CandidateId
        FROM CandidateSessions s JOIN Candidates c ON c.Id = s.CandidateId
        WHERE s.TokenHash = @TokenHash AND s.RevokedAt IS NULL AND s.ExpiresAt > @Now AND c.ErasedAt IS NULL
        """;
    private const string RevokeSessionsSql = "UPDATE CandidateSessions SET RevokedAt = @Now WHERE CandidateId = @CandidateId AND RevokedAt IS NULL";
    private const string RevokeLinksSql = "UPDATE CandidatePortalLinks SET RevokedAt = @Now WHERE CandidateId = @CandidateId AND UsedAt IS NULL AND RevokedAt IS NULL";

    public static bool LooksLikeCandidateToken(string token) => token.StartsWith(PortalTokens.SessionPrefix, StringComparison.Ordinal);

    /// <summary>The signed-in candidate's id, or null when the token opens nothing.</summary>
    public async Task<Guid?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!LooksLikeCandidateToken(token)) return null;
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(FindSql,
            new { TokenHash = PortalTokens.Hash(token), Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Ends every session and voids every unused link of the candidate (erasure).</summary>
    internal static async Task CloseAllAsync(DbConnection connection, DbTransaction? transaction, Guid candidateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var args = new { CandidateId = candidateId, Now = now };
        await connection.ExecuteAsync(new CommandDefinition(RevokeSessionsSql, args, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(RevokeLinksSql, args, transaction, cancellationToken: cancellationToken));
    }
}
