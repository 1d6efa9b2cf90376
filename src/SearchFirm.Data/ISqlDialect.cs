namespace SearchFirm.Data;

/// <summary>What a handler needs to know about the database it talks to, and nothing more.</summary>
public interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    string Pick(DialectSql sql);

    /// <summary>True when the exception says a UNIQUE constraint or index refused the row.</summary>
    bool IsUniqueViolation(Exception exception);
}

internal sealed class SqliteDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string Pick(DialectSql sql) => sql.Sqlite;

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
    public bool IsUniqueViolation(Exception exception) =>
        exception is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}

internal sealed class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public string Pick(DialectSql sql) => sql.SqlServer;

    // 2601: duplicate key in a unique index; 2627: unique or primary key constraint.
    public bool IsUniqueViolation(Exception exception) =>
        exception is Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 };
}
