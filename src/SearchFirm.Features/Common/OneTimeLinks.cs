using System.Data.Common;
using Dapper;

namespace SearchFirm.Features.Common;

/// <summary>What a one-time sign-in link (a board member's or a candidate's) records of its use.</summary>
internal interface IOneTimeLink
{
    DateTimeOffset ExpiresAt { get; }
    DateTimeOffset? UsedAt { get; }
    DateTimeOffset? RevokedAt { get; }
}

/// <summary>
/// Spending a one-time sign-in link, for both portals. The link is spent in the same UPDATE that
/// checks it, so two exchanges of one link open one session; a refused link is 401 in words that
/// say what to do next and reveal nothing of whose link it was.
/// </summary>
internal static class OneTimeLinks
{
    /// <summary>
    /// "Send me a new link" sends at most this many links to one person within <see cref="LimitWindow"/>
    /// (the team's invitations included), so the form cannot flood an inbox.
    /// </summary>
    public const int LimitPerWindow = 3;

    public static readonly TimeSpan LimitWindow = TimeSpan.FromMinutes(15);

    /// <param name="spendSql">Marks the link used where @TokenHash matches and it is unused, not revoked and unexpired at @Now.</param>
    /// <param name="linkSql">Reads the link by @TokenHash, spent or not.</param>
    public static async Task<TLink> SpendAsync<TLink>(DbConnection connection, DbTransaction? transaction, string spendSql, string linkSql,
        string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) where TLink : class, IOneTimeLink
    {
        var args = new { TokenHash = tokenHash, Now = now };
        var spent = await connection.ExecuteAsync(new CommandDefinition(spendSql, args, transaction, cancellationToken: cancellationToken));
        var link = await connection.QuerySingleOrDefaultAsync<TLink>(new CommandDefinition(linkSql, args, transaction, cancellationToken: cancellationToken));
        return spent == 1 && link is not null ? link : throw new UnauthorizedException(Why(link, now));
    }

    private static string Why(IOneTimeLink? link, DateTimeOffset now) => link switch
    {
        null => "This sign-in link is not valid. Use the latest link the search team sent you, or ask them for a new one.",
        { UsedAt: not null } => "This sign-in link has already been used; each link works once. Ask the search team for a new one.",
        { RevokedAt: not null } => "This sign-in link was replaced by a newer one. Use the latest link the search team sent you.",
        _ when link.ExpiresAt <= now => "This sign-in link has expired. Ask the search team for a new one.",
        _ => "This sign-in link cannot be used. Ask the search team for a new one.",
    };
}
