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

/// <param name="Ranked">False when a keyword matched too many candidates to rank; they come newest first.</param>
public sealed record CandidatePage(IReadOnlyList<CandidateListItem> Items, int Page, int PageSize, int Total, bool Ranked = true);

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

    // Keyword only, no filters: count the matches in the index, then rank just one page of them.
    private const string PageColumns = """
        SELECT c.Id, c.FirstName, c.LastName, c.CurrentTitle, c.CurrentEmployer, c.Location, c.ClinicalYears, c.HighestRoleLevel
        """;

    private static readonly DialectSql CountMatches = new(
        SqlServer: "SELECT COUNT(*) FROM CONTAINSTABLE(dbo.CandidateSearch, Body, @Match)",
        Sqlite: "SELECT COUNT(*) FROM CandidateSearch WHERE CandidateSearch MATCH @Match");

    private static readonly DialectSql RankedPage = new(
        SqlServer: PageColumns + " FROM CONTAINSTABLE(dbo.CandidateSearch, Body, @Match) k JOIN Candidates c ON c.Id = k.[KEY]" +
            " ORDER BY k.RANK DESC, c.Id OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY",
        Sqlite: "WITH k AS (SELECT CandidateId, rank AS Rank FROM CandidateSearch WHERE CandidateSearch MATCH @Match ORDER BY rank LIMIT @Take OFFSET @Skip) " +
            PageColumns + " FROM k CROSS JOIN Candidates c WHERE c.Id = k.CandidateId ORDER BY k.Rank");

    private static readonly DialectSql RecentPage = new(
        SqlServer: PageColumns + " FROM CONTAINSTABLE(dbo.CandidateSearch, Body, @Match) k JOIN Candidates c ON c.Id = k.[KEY]" +
            " ORDER BY c.CreatedAt DESC, c.Id OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY",
        Sqlite: "WITH k AS (SELECT rowid AS Position, CandidateId FROM CandidateSearch WHERE CandidateSearch MATCH @Match ORDER BY rowid DESC LIMIT @Take OFFSET @Skip) " +
            PageColumns + " FROM k CROSS JOIN Candidates c WHERE c.Id = k.CandidateId ORDER BY k.Position DESC");

    /// <summary>
    /// Relevance costs a few microseconds per match (bm25 reads each document's statistics): fine
    /// for thousands, half a second for a word every profile holds. Beyond this many matches the
    /// page comes newest first instead, and says so (<see cref="CandidatePage.Ranked"/>).
    /// </summary>
    internal const int RankLimit = 5_000;

    public async ValueTask<CandidatePage> Handle(SearchCandidates query, CancellationToken cancellationToken)
    {
        var match = MatchExpression(query.Q, dialect.Provider);
        var connection = await session.ConnectionAsync(cancellationToken);
        var filtered = query.Credential is not null || query.RoleLevel is not null || query.Employer is not null || query.MinClinicalYears is not null;
        if (match is not null && !filtered)
            return await KeywordOnlyAsync(connection, match, query, cancellationToken);

        var sql = dialect.Pick(match is null ? Browse : Keyword);
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

    private async Task<CandidatePage> KeywordOnlyAsync(System.Data.Common.DbConnection connection, string match, SearchCandidates query, CancellationToken cancellationToken)
    {
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(dialect.Pick(CountMatches), new { Match = match }, cancellationToken: cancellationToken));
        var ranked = total <= RankLimit;
        var rows = total == 0 ? [] : (await connection.QueryAsync<CandidateListItem>(new CommandDefinition(dialect.Pick(ranked ? RankedPage : RecentPage),
            new { Match = match, Skip = (query.Page - 1) * query.PageSize, Take = query.PageSize }, cancellationToken: cancellationToken))).AsList();
        return new CandidatePage(rows, query.Page, query.PageSize, total, ranked);
    }

    /// <summary>
    /// The user's words, quoted and joined by AND, so that no input can inject search syntax; the
    /// last word is a prefix (people type "cardio"), the others whole words, which keeps the index
    /// from expanding every term. Null when nothing searchable is left.
    /// </summary>
    internal static string? MatchExpression(string? q, DatabaseProvider provider)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var terms = Word().Matches(q).Select(m => m.Value).Where(w => w.Length <= 40).Take(8).ToList();
        if (terms.Count == 0) return null;
        string Term(string t, bool prefix) => provider == DatabaseProvider.SqlServer
            ? (prefix ? $"\"{t}*\"" : $"\"{t}\"")
            : (prefix ? $"\"{t}\"*" : $"\"{t}\"");
        return string.Join(" AND ", terms.Select((t, i) => Term(t, i == terms.Count - 1)));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
