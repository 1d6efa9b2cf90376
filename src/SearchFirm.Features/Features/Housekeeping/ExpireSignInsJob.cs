using Dapper;
using Microsoft.Extensions.Logging;
using SearchFirm.Data;

namespace SearchFirm.Features.Housekeeping;

/// <summary>
/// Hourly: forgets sign-in tokens, one-time links and sessions (staff, board, candidate) that
/// expired more than <see cref="KeepExpiredFor"/> ago. Until then an expired or spent link still
/// gets its precise 401 ("expired", "already used"); after it, only the generic one. Expired
/// credentials open nothing either way; this keeps the tables small and no hash longer than needed.
/// Safe to run twice.
/// </summary>
public sealed partial class ExpireSignInsJob(IConnectionFactory connections, TimeProvider clock, ILogger<ExpireSignInsJob> logger)
{
    public const string RecurringJobId = "expire-sign-ins";

    public static readonly TimeSpan KeepExpiredFor = TimeSpan.FromDays(30);

    // Constants, so that the SQL Server parse tests read each of them.
    private const string AccessTokensSql = "DELETE FROM AccessTokens WHERE ExpiresAt < @Cutoff";
    private const string BoardSessionsSql = "DELETE FROM BoardSessions WHERE ExpiresAt < @Cutoff";
    private const string BoardLinksSql = "DELETE FROM BoardSignInLinks WHERE ExpiresAt < @Cutoff";
    private const string CandidateSessionsSql = "DELETE FROM CandidateSessions WHERE ExpiresAt < @Cutoff";
    private const string CandidateLinksSql = "DELETE FROM CandidatePortalLinks WHERE ExpiresAt < @Cutoff";

    private static readonly string[] Deletes = [AccessTokensSql, BoardSessionsSql, BoardLinksSql, CandidateSessionsSql, CandidateLinksSql];

    /// <returns>How many rows this run removed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = new { Cutoff = clock.GetUtcNow() - KeepExpiredFor };
        await using var connection = await connections.OpenAsync(cancellationToken);
        var removed = 0;
        foreach (var sql in Deletes)
            removed += await connection.ExecuteAsync(new CommandDefinition(sql, cutoff, cancellationToken: cancellationToken));
        if (removed > 0) Removed(logger, removed);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} expired sign-in token(s), link(s) and session(s)")]
    private static partial void Removed(ILogger logger, int count);
}
