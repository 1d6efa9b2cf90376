using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Network;

/// <summary>
/// GET /api/network/referrers?top=: the people whose referrals the firm acted on, with how many
/// were presented and placed. Referrals belong to searches, so each caller counts only those on
/// searches they are staffed on (an admin counts all): a number must not hint at a search the
/// caller may not see.
/// </summary>
public sealed record ListReferrers(int? Top = null) : IQuery<IReadOnlyList<ReferrerSummary>>;

public sealed class ReferrerSummary
{
    public Guid PersonId { get; init; }
    public string FullName { get; init; } = "";
    public string? CurrentTitle { get; init; }
    public string? CurrentOrganisation { get; init; }
    public int Referrals { get; init; }
    public int Presented { get; init; }
    public int Placed { get; init; }
}

public sealed class ListReferrersValidator : AbstractValidator<ListReferrers>
{
    public const int MaxTop = 100;

    public ListReferrersValidator() => RuleFor(x => x.Top).InclusiveBetween(1, MaxTop);
}

internal sealed class ListReferrersHandler(DbSession session, ISqlDialect dialect, ICurrentUser user)
    : IQueryHandler<ListReferrers, IReadOnlyList<ReferrerSummary>>
{
    public const int DefaultTop = 20;

    // Ranked by placements, then presentations, then referrals; the id breaks ties so pages are stable.
    private static readonly DialectSql Sql = new(
        SqlServer: """
            SELECT TOP (@Top) p.Id AS PersonId, p.FullName, p.CurrentTitle, p.CurrentOrganisation, x.Referrals, x.Presented, x.Placed
            FROM (
                SELECT r.ReferrerPersonId, COUNT(*) AS Referrals, COUNT(r.PresentedAt) AS Presented, COUNT(r.PlacedAt) AS Placed
                FROM dbo.Referrals r
                WHERE @IsAdmin = 1 OR EXISTS (SELECT 1 FROM dbo.SearchTeamMembers t WHERE t.SearchId = r.SearchId AND t.UserId = @UserId)
                GROUP BY r.ReferrerPersonId
            ) x
            JOIN dbo.People p ON p.Id = x.ReferrerPersonId AND p.ErasedAt IS NULL
            ORDER BY x.Placed DESC, x.Presented DESC, x.Referrals DESC, p.FullName, p.Id
            """,
        Sqlite: """
            SELECT p.Id AS PersonId, p.FullName, p.CurrentTitle, p.CurrentOrganisation, x.Referrals, x.Presented, x.Placed
            FROM (
                SELECT r.ReferrerPersonId, COUNT(*) AS Referrals, COUNT(r.PresentedAt) AS Presented, COUNT(r.PlacedAt) AS Placed
                FROM Referrals r
                WHERE @IsAdmin = 1 OR EXISTS (SELECT 1 FROM SearchTeamMembers t WHERE t.SearchId = r.SearchId AND t.UserId = @UserId)
                GROUP BY r.ReferrerPersonId
            ) x
            JOIN People p ON p.Id = x.ReferrerPersonId AND p.ErasedAt IS NULL
            ORDER BY x.Placed DESC, x.Presented DESC, x.Referrals DESC, p.FullName, p.Id
            LIMIT @Top
            """);

    public async ValueTask<IReadOnlyList<ReferrerSummary>> Handle(ListReferrers query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ReferrerSummary>(new CommandDefinition(dialect.Pick(Sql), new
        {
            Top = query.Top ?? DefaultTop,
            UserId = user.Id,
            IsAdmin = user.IsAdmin ? 1 : 0,
        }, cancellationToken: cancellationToken))).AsList();
    }
}
