using Dapper;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Searches;

/// <summary>Need-to-know: a search exists for a caller only if they are on its team, or an admin.</summary>
public sealed class SearchAccess(DbSession session, ICurrentUser user)
{
    private const string Sql = """
        SELECT COUNT(*) FROM Searches s
        WHERE s.Id = @SearchId
          AND (@IsAdmin = 1 OR EXISTS (SELECT 1 FROM SearchTeamMembers t WHERE t.SearchId = s.Id AND t.UserId = @UserId))
        """;

    private const string CandidacySql = """
        SELECT c.SearchId FROM Candidacies c JOIN Candidates p ON p.Id = c.CandidateId
        WHERE c.Id = @CandidacyId AND p.ErasedAt IS NULL
          AND (@IsAdmin = 1 OR EXISTS (SELECT 1 FROM SearchTeamMembers t WHERE t.SearchId = c.SearchId AND t.UserId = @UserId))
        """;

    private const string BriefSql = """
        SELECT b.SearchId FROM Briefs b
        WHERE b.Id = @BriefId
          AND (@IsAdmin = 1 OR EXISTS (SELECT 1 FROM SearchTeamMembers t WHERE t.SearchId = b.SearchId AND t.UserId = @UserId))
        """;

    /// <summary>The brief's search when the caller may see it; null when it is missing or not theirs.</summary>
    public async Task<Guid?> SearchOfBriefAsync(Guid briefId, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated) return null;
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(BriefSql,
            new { BriefId = briefId, UserId = user.Id, IsAdmin = user.IsAdmin ? 1 : 0 },
            session.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The candidacy's search when the caller may see it; null when it is missing, not theirs, or its candidate was erased.</summary>
    public async Task<Guid?> SearchOfCandidacyAsync(Guid candidacyId, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated) return null;
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(CandidacySql,
            new { CandidacyId = candidacyId, UserId = user.Id, IsAdmin = user.IsAdmin ? 1 : 0 },
            session.Transaction, cancellationToken: cancellationToken));
    }

    private const string OnTeamSql = "SELECT COUNT(*) FROM SearchTeamMembers WHERE SearchId = @SearchId AND UserId = @UserId";

    /// <summary>Whether the caller is on the search's team (an admin sees every search without being on it).</summary>
    public async Task<bool> IsOnTeamAsync(Guid searchId, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated) return false;
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(OnTeamSql, new { SearchId = searchId, UserId = user.Id },
            session.Transaction, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> CanSeeAsync(Guid searchId, CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated) return false;
        var connection = await session.ConnectionAsync(cancellationToken);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql,
            new { SearchId = searchId, UserId = user.Id, IsAdmin = user.IsAdmin ? 1 : 0 },
            session.Transaction, cancellationToken: cancellationToken));
        return count > 0;
    }
}
