namespace SearchFirm.Data;

/// <summary>
/// One query in both dialects, for the few places where they truly differ (paging, upsert, now()).
/// Kept side by side so a reader sees the difference; a test parses every <see cref="SqlServer"/> text.
/// </summary>
public sealed record DialectSql(string SqlServer, string Sqlite)
{
    public string For(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;
}
