using System.Data.Common;
using Dapper;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Searches;

/// <summary>The parts of a search that decide who may staff it or change its status.</summary>
internal sealed class SearchHeader
{
    public Guid LeadPartnerId { get; init; }
    public SearchStatus Status { get; init; }
    public int Version { get; init; }

    private const string Sql = "SELECT LeadPartnerId, Status, Version FROM Searches WHERE Id = @SearchId";

    /// <summary>Loads the search and refuses (403) anyone but its lead partner or an admin; the caller is already known to be on the team.</summary>
    public static async Task<SearchHeader> ForLeadAsync(DbConnection connection, DbTransaction? transaction, Guid searchId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var header = await connection.QuerySingleOrDefaultAsync<SearchHeader>(new CommandDefinition(Sql,
            new { SearchId = searchId }, transaction, cancellationToken: cancellationToken)) ?? throw new NotFoundException("search");
        if (!user.IsAdmin && header.LeadPartnerId != user.Id)
            throw new ForbiddenException("Only the search's lead partner or an admin may do this.");
        return header;
    }
}
