using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Audit;

/// <summary>
/// GET /api/audit?entityId=&amp;actorId=&amp;from=&amp;to=&amp;page=&amp;pageSize=: the audit trail for admins,
/// newest first, paged; <c>from</c> is inclusive, <c>to</c> exclusive. Reading the trail is itself
/// an audit event (recorded after the read, so a page never shows its own reading), naming the
/// entity whose trail was read, so that "who looked at this candidate's trail" has an answer.
/// </summary>
[RequireRole(Role.Admin)]
public sealed record ListAuditEvents(
    Guid? EntityId = null, Guid? ActorId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int Page = 1, int PageSize = 50) : IQuery<AuditPage>;

public sealed record AuditPage(IReadOnlyList<AuditEventDto> Items, int Page, int PageSize, int Total);

public sealed class AuditEventDto
{
    public Guid Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? ActorId { get; init; }
    public string? ActorName { get; init; }
    public string ActorKind { get; init; } = "";
    public string Action { get; init; } = "";
    public string? EntityType { get; init; }
    public Guid? EntityId { get; init; }
    public Guid? SearchId { get; init; }
    public string? SourceIp { get; init; }
}

public sealed class ListAuditEventsValidator : AbstractValidator<ListAuditEvents>
{
    public const int MaxPageSize = 200;

    public ListAuditEventsValidator()
    {
        RuleFor(x => x.EntityId).NotEqual(Guid.Empty);
        RuleFor(x => x.ActorId).NotEqual(Guid.Empty);
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("'to' must be after 'from'.");
        RuleFor(x => x.Page).InclusiveBetween(1, 100_000);
        RuleFor(x => x.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}

internal sealed class ListAuditEventsHandler(DbSession session, ISqlDialect dialect, AuditTrail audit) : IQueryHandler<ListAuditEvents, AuditPage>
{
    private const string Filters = """
        WHERE (@EntityId IS NULL OR a.EntityId = @EntityId)
          AND (@ActorId IS NULL OR a.ActorId = @ActorId)
          AND (@From IS NULL OR a.OccurredAt >= @From)
          AND (@To IS NULL OR a.OccurredAt < @To)
        """;

    private const string Columns = """
        SELECT a.Id, a.OccurredAt, a.ActorId, u.DisplayName AS ActorName, a.ActorKind, a.Action, a.EntityType, a.EntityId, a.SearchId, a.SourceIp
        FROM AuditEvents a LEFT JOIN Users u ON u.Id = a.ActorId
        """;

    // The filters are optional: on SQL Server, RECOMPILE lets each call use the index its filters
    // allow (entity, actor or time) instead of one plan for every combination.
    private static readonly DialectSql Page = new(
        SqlServer: Columns + " " + Filters + " ORDER BY a.OccurredAt DESC, a.Id DESC OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY OPTION (RECOMPILE)",
        Sqlite: Columns + " " + Filters + " ORDER BY a.OccurredAt DESC, a.Id DESC LIMIT @Take OFFSET @Skip");

    private static readonly DialectSql Count = new(
        SqlServer: "SELECT COUNT(*) FROM AuditEvents a " + Filters + " OPTION (RECOMPILE)",
        Sqlite: "SELECT COUNT(*) FROM AuditEvents a " + Filters);

    public async ValueTask<AuditPage> Handle(ListAuditEvents query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var parameters = new
        {
            query.EntityId,
            query.ActorId,
            query.From,
            query.To,
            Skip = (query.Page - 1) * query.PageSize,
            Take = query.PageSize,
        };
        var items = (await connection.QueryAsync<AuditEventDto>(new CommandDefinition(dialect.Pick(Page), parameters, cancellationToken: cancellationToken))).AsList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(dialect.Pick(Count), parameters, cancellationToken: cancellationToken));
        await audit.RecordAsync("ReadAuditTrail", null, query.EntityId, null, cancellationToken);
        return new AuditPage(items, query.Page, query.PageSize, (int)Math.Min(total, int.MaxValue));
    }
}
