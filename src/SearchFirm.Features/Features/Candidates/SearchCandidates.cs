using System.Text.RegularExpressions;
using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;

namespace SearchFirm.Features.Candidates;

/// <summary>
/// GET /api/candidates?q=&amp;credential=&amp;roleLevel=&amp;employer=&amp;minClinicalYears=&amp;page=&amp;pageSize=:
/// keyword search (SQLite FTS5, SQL Server full-text) with filters, ranked by relevance, paged.
/// </summary>
public sealed record SearchCandidates(
    string? Q = null, string? Credential = null, RoleLevel? RoleLevel = null, string? Employer = null,
    int? MinClinicalYears = null, int Page = 1, int PageSize = 20) : IQuery<CandidatePage>;

public sealed record CandidatePage(IReadOnlyList<CandidateListItem> Items, int Page, int PageSize, int Total);

public sealed class CandidateListItem
{
    public Guid Id { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? CurrentTitle { get; init; }
    public string? CurrentEmployer { get; init; }
    public string? Location { get; init; }
    public int ClinicalYears { get; init; }
    public RoleLevel? HighestRoleLevel { get; init; }
    internal int Total { get; init; }
}

public sealed class SearchCandidatesValidator : AbstractValidator<SearchCandidates>
{
    public SearchCandidatesValidator()
    {
        RuleFor(x => x.Q).MaximumLength(200);
        RuleFor(x => x.Credential).MaximumLength(40);
        RuleFor(x => x.RoleLevel).IsInEnum();
        RuleFor(x => x.Employer).MaximumLength(200);
        RuleFor(x => x.MinClinicalYears).InclusiveBetween(0, 70);
        RuleFor(x => x.Page).InclusiveBetween(1, 100_000);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

internal sealed partial class SearchCandidatesHandler(DbSession session, ISqlDialect dialect) : IQueryHandler<SearchCandidates, CandidatePage>
{
    private const string Columns = """
        SELECT c.Id, c.FirstName, c.LastName, c.CurrentTitle, c.CurrentEmployer, c.Location, c.ClinicalYears,
               c.HighestRoleLevel, COUNT(*) OVER () AS Total
        """;

    private const string Filters = """
          AND c.ErasedAt IS NULL
          AND (@Credential IS NULL OR EXISTS (SELECT 1 FROM CandidateFacets f WHERE f.CandidateId = c.Id AND f.Facet = 'credential' AND f.Value = @Credential))
          AND (@RoleLevel IS NULL OR EXISTS (SELECT 1 FROM CandidateFacets f WHERE f.CandidateId = c.Id AND f.Facet = 'role-level' AND f.Value = @RoleLevel))
          AND (@Employer IS NULL OR c.CurrentEmployer = @Employer)
          AND (@MinClinicalYears IS NULL OR c.ClinicalYears >= @MinClinicalYears)
        """;

    private static readonly DialectSql Browse = new(
        SqlServer: Columns + " FROM Candidates c WHERE 1 = 1 " + Filters +
            " ORDER BY c.LastName, c.FirstName, c.Id OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY",
        Sqlite: Columns + " FROM Candidates c WHERE 1 = 1 " + Filters +
            " ORDER BY c.LastName, c.FirstName, c.Id LIMIT @Take OFFSET @Skip");

    private static readonly DialectSql Keyword = new(
        SqlServer: Columns + " FROM CONTAINSTABLE(dbo.CandidateSearch, Body, @Match) k JOIN Candidates c ON c.Id = k.[KEY] WHERE 1 = 1 " + Filters +
            " ORDER BY k.RANK DESC, c.Id OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY",
        // bm25() cannot sit beside a window function, so the FTS5 match is ranked in its own CTE;
        // CROSS JOIN makes SQLite drive from the matches and probe Candidates by key, instead of
        // scanning every candidate against the (unindexed) CTE.
        Sqlite: "WITH k AS (SELECT CandidateId, bm25(CandidateSearch) AS Rank FROM CandidateSearch WHERE CandidateSearch MATCH @Match) " +
            Columns + " FROM k CROSS JOIN Candidates c WHERE c.Id = k.CandidateId " + Filters +
            " ORDER BY k.Rank, c.Id LIMIT @Take OFFSET @Skip");

    public async ValueTask<CandidatePage> Handle(SearchCandidates query, CancellationToken cancellationToken)
    {
        var match = MatchExpression(query.Q, dialect.Provider);
        var sql = dialect.Pick(match is null ? Browse : Keyword);
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<CandidateListItem>(new CommandDefinition(sql, new
        {
            Match = match,
            Credential = string.IsNullOrWhiteSpace(query.Credential) ? null : CandidateWriter.Normalise(query.Credential),
            RoleLevel = query.RoleLevel?.ToString().ToUpperInvariant(),
            Employer = string.IsNullOrWhiteSpace(query.Employer) ? null : query.Employer.Trim(),
            query.MinClinicalYears,
            Skip = (query.Page - 1) * query.PageSize,
            Take = query.PageSize,
        }, cancellationToken: cancellationToken))).AsList();
        return new CandidatePage(rows, query.Page, query.PageSize, rows.Count > 0 ? rows[0].Total : 0);
    }

    /// <summary>
    /// The user's words as prefix terms joined by AND, quoted, so that no input can inject search
    /// syntax; null when nothing searchable is left.
    /// </summary>
    internal static string? MatchExpression(string? q, DatabaseProvider provider)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var terms = Word().Matches(q).Select(m => m.Value).Where(w => w.Length <= 40).Take(8).ToList();
        if (terms.Count == 0) return null;
        return provider == DatabaseProvider.SqlServer
            ? string.Join(" AND ", terms.Select(t => $"\"{t}*\""))
            : string.Join(" AND ", terms.Select(t => $"\"{t}\"*"));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
