using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Searches;

/// <summary>GET /api/searches/{id}: the team's view of one search, with its specification and team.</summary>
public sealed record GetSearch(Guid SearchId) : IQuery<SearchDetail>, ISearchScoped;

public sealed class SearchDetail
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
    public DateTimeOffset UpdatedAt { get; init; }
    public SpecificationDto Specification { get; set; } = new();
    public IReadOnlyList<TeamMemberDto> Team { get; set; } = [];
}

public sealed class SpecificationDto
{
    public IReadOnlyList<CriterionDto> Criteria { get; init; } = [];
}

public sealed class TeamMemberDto
{
    public Guid UserId { get; init; }
    public string DisplayName { get; init; } = "";
    public Role Role { get; init; }
    public bool IsLead { get; init; }
}

internal sealed class GetSearchHandler(DbSession session) : IQueryHandler<GetSearch, SearchDetail>
{
    internal const string SearchSql = """
        SELECT s.Id, s.ClientId, c.Name AS ClientName, s.Title, s.CodeName, s.Status, s.Version,
               s.LeadPartnerId, s.CreatedAt, s.UpdatedAt
        FROM Searches s JOIN Clients c ON c.Id = s.ClientId
        WHERE s.Id = @SearchId
        """;
    private const string TeamSql = """
        SELECT u.Id AS UserId, u.DisplayName, u.Role, CASE WHEN u.Id = s.LeadPartnerId THEN 1 ELSE 0 END AS IsLead
        FROM SearchTeamMembers t
        JOIN Users u ON u.Id = t.UserId
        JOIN Searches s ON s.Id = t.SearchId
        WHERE t.SearchId = @SearchId
        ORDER BY u.DisplayName, u.Id
        """;

    public async ValueTask<SearchDetail> Handle(GetSearch query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var search = await connection.QuerySingleOrDefaultAsync<SearchDetail>(new CommandDefinition(SearchSql, query, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("search");
        search.Specification = new SpecificationDto { Criteria = await Specification.ReadAsync(connection, query.SearchId, cancellationToken) };
        search.Team = (await connection.QueryAsync<TeamMemberDto>(new CommandDefinition(TeamSql, query, cancellationToken: cancellationToken))).AsList();
        return search;
    }
}
