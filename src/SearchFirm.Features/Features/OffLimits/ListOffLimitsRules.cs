using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.OffLimits;

/// <summary>GET /api/off-limits: the manual rules in force, soonest to lapse first.</summary>
[RequireRole(Role.Partner, Role.Admin)]
public sealed record ListOffLimitsRules(bool IncludeExpired = false) : IQuery<IReadOnlyList<OffLimitsRuleDto>>;

public sealed class OffLimitsRuleDto
{
    public Guid Id { get; init; }
    public Guid ClientId { get; init; }
    public string ClientName { get; init; } = "";
    public DateTimeOffset Until { get; init; }
    public string Reason { get; init; } = "";
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class ListOffLimitsRulesHandler(DbSession session, TimeProvider clock) : IQueryHandler<ListOffLimitsRules, IReadOnlyList<OffLimitsRuleDto>>
{
    private const string Sql = """
        SELECT r.Id, r.ClientId, c.Name AS ClientName, r.Until, r.Reason, r.CreatedBy, r.CreatedAt
        FROM OffLimitsRules r JOIN Clients c ON c.Id = r.ClientId
        WHERE @IncludeExpired = 1 OR r.Until > @Now
        ORDER BY r.Until, r.Id
        """;

    public async ValueTask<IReadOnlyList<OffLimitsRuleDto>> Handle(ListOffLimitsRules query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<OffLimitsRuleDto>(new CommandDefinition(Sql,
            new { IncludeExpired = query.IncludeExpired ? 1 : 0, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken))).AsList();
    }
}
