using System.Text.RegularExpressions;
using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
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
/// <param name="Truncated">
/// True when a keyword matched more than <see cref="CandidateSearchOptions.RankLimit"/> candidates and filters
/// were given: the filters were applied to that many of the matches only (on SQLite the newest, on SQL Server
/// the most relevant), so the total and pages cover those. Narrowing the keyword brings the rest in.
/// </param>
public sealed record CandidatePage(IReadOnlyList<CandidateListItem> Items, int Page, int PageSize, int Total, bool Ranked = true, bool Truncated = false);

/// <summary>Bound from <c>Candidates</c>.</summary>
public sealed class CandidateSearchOptions
{
    /// <summary>
    /// Keyword matches ranked by relevance (bm25 costs a few microseconds each), and, with filters, the most
    /// matches the filters are applied to (each costs an index probe or two): the bound on one search's work.
    /// </summary>
    public int RankLimit { get; set; } = 5_000;
}

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

internal sealed partial class SearchCandidatesHandler(DbSession session, ISqlDialect dialect, IOptions<CandidateSearchOptions> options)
    : IQueryHandler<SearchCandidates, CandidatePage>
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

    // Keyword and filters: the filters sit inside the query that ranks, so relevance is computed for the
    // candidates that pass them only, and the work is bounded by @Limit matches (the caller counted the
    // matches first). Filters read the covering index IX_Candidates_SearchFilters (V0110), not the wide rows
    // (SQLite's planner prefers the primary key's index, which is not covering: measured 2.5x slower).
    private const string FilterProbe = " EXISTS (SELECT 1 FROM Candidates c INDEXED BY IX_Candidates_SearchFilters WHERE c.Id = s.CandidateId " + Filters + ") ";

    private static readonly DialectSql FilteredRanked = new(
        // CONTAINSTABLE's top_n_by_rank: the @Limit most relevant matches, ranked by the engine.
        SqlServer: Columns + " FROM CONTAINSTABLE(dbo.CandidateSearch, Body, @Match, @Limit) k JOIN Candidates c ON c.Id = k.[KEY] WHERE 1 = 1 " + Filters +
            " ORDER BY k.RANK DESC, c.Id OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY",
        // bm25() is evaluated for the rows the WHERE keeps; it cannot sit beside a window function, hence two CTEs.
        Sqlite: "WITH k AS (SELECT s.CandidateId, bm25(CandidateSearch) AS Rank FROM CandidateSearch s WHERE CandidateSearch MATCH @Match AND" + FilterProbe + "), " +
            "p AS (SELECT CandidateId, Rank, COUNT(*) OVER () AS Total FROM k ORDER BY Rank, CandidateId LIMIT @Take OFFSET @Skip) " +
            PageColumns + ", p.Total FROM p CROSS JOIN Candidates c WHERE c.Id = p.CandidateId ORDER BY p.Rank, c.Id");

    // SQLite, more matches than can be ranked: the filters over the @Limit newest matches, newest first.
    private static readonly DialectSql FilteredRecent = new(
        SqlServer: FilteredRanked.SqlServer,
        Sqlite: "WITH s AS (SELECT rowid AS Position, CandidateId FROM CandidateSearch WHERE CandidateSearch MATCH @Match ORDER BY rowid DESC LIMIT @Limit), " +
            "p AS (SELECT s.Position, s.CandidateId, COUNT(*) OVER () AS Total FROM s WHERE" + FilterProbe + "ORDER BY s.Position DESC LIMIT @Take OFFSET @Skip) " +
            PageColumns + ", p.Total FROM p CROSS JOIN Candidates c WHERE c.Id = p.CandidateId ORDER BY p.Position DESC");

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
    private int RankLimit => options.Value.RankLimit;

    public async ValueTask<CandidatePage> Handle(SearchCandidates query, CancellationToken cancellationToken)
    {
        var match = MatchExpression(query.Q, dialect.Provider);
        var connection = await session.ConnectionAsync(cancellationToken);
        var filtered = query.Credential is not null || query.RoleLevel is not null || query.Employer is not null || query.MinClinicalYears is not null;
        if (match is not null && !filtered)
            return await KeywordOnlyAsync(connection, match, query, cancellationToken);

        var sql = dialect.Pick(Browse);
        var ranked = true;
        var truncated = false;
        if (match is not null)
        {
            // Counted in the index alone; it decides whether the matches can all be filtered and ranked.
            var matches = await connection.ExecuteScalarAsync<int>(new CommandDefinition(dialect.Pick(CountMatches), new { Match = match }, cancellationToken: cancellationToken));
            if (matches == 0) return new CandidatePage([], query.Page, query.PageSize, 0);
            truncated = matches > RankLimit;
            ranked = !truncated || dialect.Provider == DatabaseProvider.SqlServer;
            sql = dialect.Pick(ranked ? FilteredRanked : FilteredRecent);
        }

        var rows = (await connection.QueryAsync<CandidateListItem>(new CommandDefinition(sql, new
        {
            Match = match,
            Credential = string.IsNullOrWhiteSpace(query.Credential) ? null : CandidateWriter.Normalise(query.Credential),
            RoleLevel = query.RoleLevel?.ToString().ToUpperInvariant(),
            Employer = string.IsNullOrWhiteSpace(query.Employer) ? null : query.Employer.Trim(),
            query.MinClinicalYears,
            Skip = (query.Page - 1) * query.PageSize,
            Take = query.PageSize,
            Limit = RankLimit,
        }, cancellationToken: cancellationToken))).AsList();
        return new CandidatePage(rows, query.Page, query.PageSize, rows.Count > 0 ? rows[0].Total : 0, ranked, truncated);
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
