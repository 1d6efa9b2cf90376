namespace SearchFirm.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from <c>Database</c>, <c>ConnectionStrings:SearchFirm</c> and <c>SearchFirm:DataDirectory</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty on SQLite means <c>{DataDirectory}/searchfirm.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public string DataDirectory { get; set; } = "data";

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
            return ConnectionString;
        if (Provider == DatabaseProvider.SqlServer)
            throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:SearchFirm is empty.");
        return $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "searchfirm.db")}";
    }
}
