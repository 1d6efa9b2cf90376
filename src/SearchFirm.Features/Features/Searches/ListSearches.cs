using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Searches;

/// <summary>GET /api/searches: only the searches the caller is staffed on (all of them for an admin).</summary>
public sealed record ListSearches : IQuery<IReadOnlyList<SearchSummary>>;

public sealed class SearchSummary
{
    public Guid Id { get; init; }
    public Guid ClientId { get; init; }
    public string ClientName { get; init; } = "";
    public string Title { get; init; } = "";
    public string CodeName { get; init; } = "";
    public SearchStatus Status { get; init; }
    public int Version { get; init; }
    public Guid LeadPartnerId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class ListSearchesHandler(DbSession session, ICurrentUser user, Audit.AuditTrail audit) : IQueryHandler<ListSearches, IReadOnlyList<SearchSummary>>
{
    private const string Sql = """
        SELECT s.Id, s.ClientId, c.Name AS ClientName, s.Title, s.CodeName, s.Status, s.Version, s.LeadPartnerId, s.CreatedAt
        FROM Searches s JOIN Clients c ON c.Id = s.ClientId
        WHERE @IsAdmin = 1 OR EXISTS (SELECT 1 FROM SearchTeamMembers t WHERE t.SearchId = s.Id AND t.UserId = @UserId)
        ORDER BY s.CreatedAt DESC, s.Id
        """;

    public async ValueTask<IReadOnlyList<SearchSummary>> Handle(ListSearches query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        // An admin's list holds every search, their own or not: audited like reading one.
        if (user.IsAdmin) await audit.RecordAsync("AdminListSearches", null, null, null, cancellationToken);
        return (await connection.QueryAsync<SearchSummary>(new CommandDefinition(Sql,
            new { UserId = user.Id, IsAdmin = user.IsAdmin ? 1 : 0 }, cancellationToken: cancellationToken))).AsList();
    }
}
