using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using SQLitePCL;

namespace SearchFirm.Data;

public enum BulkType
{
    Text,
    Guid,
    Int,
    DateTimeOffset,
}

public sealed record BulkColumn(string Name, BulkType Type);

/// <summary>
/// Appends many rows to one table (a staging table that a slice's SQL then merges, or on SQLite
/// the table itself with an upsert) as fast as the provider allows: SqlBulkCopy on SQL Server,
/// one prepared INSERT stepped once a row on SQLite. Values are bound as parameters, never pasted
/// into SQL; table and column names come from code and are checked to be plain identifiers.
/// </summary>
public interface IBulkWriter
{
    Task WriteAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>
    /// True where rows can go straight into their table with an upsert (<see cref="UpsertAsync"/>):
    /// SQLite. SQL Server's fast path is <see cref="WriteAsync"/> into a staging table and one MERGE.
    /// </summary>
    bool CanUpsert { get; }

    /// <summary>
    /// Inserts the rows in the order given, a conflicting row handled by <paramref name="onConflict"/>
    /// (an "ON CONFLICT (...) DO ..." clause written by the caller, from code); returns the rows
    /// inserted or updated. Throws where <see cref="CanUpsert"/> is false.
    /// </summary>
    Task<int> UpsertAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        string onConflict, IEnumerable<object?[]> rows, CancellationToken cancellationToken);
}

internal static partial class BulkNames
{
    public static void Check(string table, IReadOnlyList<BulkColumn> columns)
    {
        if (!Identifier().IsMatch(table)) throw new ArgumentException($"'{table}' is not a plain table name.", nameof(table));
        foreach (var column in columns)
            if (!Identifier().IsMatch(column.Name)) throw new ArgumentException($"'{column.Name}' is not a plain column name.", nameof(columns));
    }

    [GeneratedRegex(@"^#?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex Identifier();
}

/// <summary>
/// SQLite: one prepared single-row INSERT (or upsert), stepped once a row through SQLitePCL's raw
/// API with parameters bound by position. Measured on a 1 M-row import: Microsoft.Data.Sqlite
/// binds each parameter by name (a linear search of the statement's names, so a 64-row statement
/// of 576 parameters spent a quarter of the import comparing strings), and its per-command
/// bookkeeping cost more than SQLite's own work for a row.
/// </summary>
internal sealed class SqliteBulkWriter : IBulkWriter
{
    private const int SqliteDone = 101;

    public bool CanUpsert => true;

    public Task WriteAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        Task.FromResult(Insert(connection, transaction, table, columns, "", rows, cancellationToken));

    // The clause comes from code (a constant of the calling slice), like the table and column names.
    public Task<int> UpsertAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        string onConflict, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        Task.FromResult(Insert(connection, transaction, table, columns, onConflict, rows, cancellationToken));

    // Synchronous on purpose: SQLite does no I/O wait worth yielding for.
    private static int Insert(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        string suffix, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        BulkNames.Check(table, columns);
        var sqlite = (SqliteConnection)connection;
        // The statements run on the connection's handle, inside the transaction it has open.
        if (transaction is not null && !ReferenceEquals(transaction.Connection, connection))
            throw new ArgumentException("The transaction belongs to another connection.", nameof(transaction));
        var db = sqlite.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, c) => $"?{c + 1}"))}) {suffix}";
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        using (statement)
        {
            var changed = 0;
            var count = 0;
            string? lastTimeText = null;
            DateTimeOffset lastTime = default;
            foreach (var row in rows)
            {
                if ((++count & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
                for (var c = 0; c < row.Length; c++)
                {
                    switch (row[c])
                    {
                        case null: raw.sqlite3_bind_null(statement, c + 1); break;
                        case string text: raw.sqlite3_bind_text(statement, c + 1, text); break;
                        case Guid g: raw.sqlite3_bind_text(statement, c + 1, g.ToString("D")); break;
                        case int i: raw.sqlite3_bind_int64(statement, c + 1, i); break;
                        case long l: raw.sqlite3_bind_int64(statement, c + 1, l); break;
                        case DateTimeOffset d:
                            // A batch stamps every row with the same time: format it once.
                            if (lastTimeText is null || d != lastTime) (lastTime, lastTimeText) = (d, TypeHandlers.ToSqliteText(d));
                            raw.sqlite3_bind_text(statement, c + 1, lastTimeText);
                            break;
                        case var other: raw.sqlite3_bind_text(statement, c + 1, Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)); break;
                    }
                }

                rc = raw.sqlite3_step(statement);
                if (rc != SqliteDone) SqliteException.ThrowExceptionForRC(rc, db);
                changed += raw.sqlite3_changes(db);
                raw.sqlite3_reset(statement);
            }

            return changed;
        }
    }
}

internal sealed class SqlServerBulkWriter : IBulkWriter
{
    public bool CanUpsert => false;

    public Task<int> UpsertAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        string onConflict, IEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        throw new NotSupportedException("SQL Server has no row-wise upsert here: stage with WriteAsync and MERGE.");

    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        BulkNames.Check(table, columns);
        using var data = new DataTable();
        foreach (var column in columns)
        {
            data.Columns.Add(column.Name, column.Type switch
            {
                BulkType.Guid => typeof(Guid),
                BulkType.Int => typeof(int),
                BulkType.DateTimeOffset => typeof(DateTimeOffset),
                _ => typeof(string),
            });
        }

        foreach (var row in rows)
            data.Rows.Add(row.Select(v => v ?? DBNull.Value).ToArray());

        using var copy = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.Default, (SqlTransaction?)transaction)
        {
            DestinationTableName = table,
            BatchSize = 0,
            BulkCopyTimeout = 0,
        };
        foreach (var column in columns) copy.ColumnMappings.Add(column.Name, column.Name);
        await copy.WriteToServerAsync(data, cancellationToken);
    }
}
