using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
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
/// SQLite: one prepared INSERT (or upsert) of <see cref="RowsPerStatement"/> rows, stepped once a
/// chunk through SQLitePCL's raw API with parameters bound by position. Measured on 1 M-row
/// imports: Microsoft.Data.Sqlite binds each parameter by name (a linear search of the statement's
/// names) and its per-command bookkeeping cost more than SQLite's own work for a row; and one row
/// a statement paid SQLite's per-execution setup (cursors, constraint programs) once a row, which
/// on sorted rows cost twice the inserts themselves.
/// </summary>
internal sealed class SqliteBulkWriter : IBulkWriter
{
    private const int SqliteDone = 101;

    /// <summary>Rows per statement execution (and at most 32,766 parameters: far more than any table here needs).</summary>
    internal const int RowsPerStatement = 32;

    private const int MaxStackText = 512;

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
        // The statements run on the connection's handle, inside the transaction it has open.
        if (transaction is not null && !ReferenceEquals(transaction.Connection, connection))
            throw new ArgumentException("The transaction belongs to another connection.", nameof(transaction));
        var db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The connection is not open.");
        using var full = new Chunk(db, table, columns, suffix, RowsPerStatement);
        var changed = 0;
        var inChunk = 0;
        var count = 0;
        foreach (var row in rows)
        {
            if ((++count & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            full.Bind(inChunk, row);
            if (++inChunk < RowsPerStatement) continue;
            changed += full.Step();
            inChunk = 0;
        }

        if (inChunk == 0) return changed;
        // The last rows: a statement of their own size, bound from what the full one was given.
        using var rest = new Chunk(db, table, columns, suffix, inChunk);
        for (var r = 0; r < inChunk; r++) rest.Bind(r, full.RowValues(r));
        return changed + rest.Step();
    }

    /// <summary>A prepared INSERT of a fixed number of rows and what each of its parameters holds.</summary>
    private sealed class Chunk : IDisposable
    {
        private readonly sqlite3 db;
        private readonly sqlite3_stmt statement;
        private readonly int width;
        // SQLite keeps bindings across resets, so a value equal to the one a parameter already holds
        // (a batch's time, a kind, the same From on sorted rows) is not bound again.
        private readonly object?[] bound;
        private readonly bool[] isBound;
        private byte[]? timeText;
        private DateTimeOffset time;

        public Chunk(sqlite3 db, string table, IReadOnlyList<BulkColumn> columns, string suffix, int rows)
        {
            this.db = db;
            width = columns.Count;
            bound = new object?[rows * width];
            isBound = new bool[rows * width];
            var values = string.Join(", ", Enumerable.Range(0, rows).Select(r =>
                "(" + string.Join(", ", Enumerable.Range(1, width).Select(c => $"?{r * width + c}")) + ")"));
            var sql = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES {values} {suffix}";
            var rc = raw.sqlite3_prepare_v2(db, sql, out statement);
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        }

        public ReadOnlySpan<object?> RowValues(int row) => bound.AsSpan(row * width, width);

        public void Bind(int row, ReadOnlySpan<object?> values)
        {
            Span<byte> utf8 = stackalloc byte[MaxStackText];
            for (var c = 0; c < width; c++)
            {
                var slot = row * width + c;
                var value = values[c];
                if (isBound[slot] && Same(bound[slot], value)) continue;
                (bound[slot], isBound[slot]) = (value, true);
                var p = slot + 1;
                var rc = value switch
                {
                    null => raw.sqlite3_bind_null(statement, p),
                    string text when Encoding.UTF8.GetMaxByteCount(text.Length) <= utf8.Length =>
                        raw.sqlite3_bind_text(statement, p, utf8[..Encoding.UTF8.GetBytes(text, utf8)]),
                    string text => raw.sqlite3_bind_text(statement, p, text),
                    // GUIDs are stored as lowercase "D" text (as TypeHandlers writes them), formatted straight to UTF-8.
                    Guid g when g.TryFormat(utf8, out var written, "D") => raw.sqlite3_bind_text(statement, p, utf8[..written]),
                    int i => raw.sqlite3_bind_int64(statement, p, i),
                    long l => raw.sqlite3_bind_int64(statement, p, l),
                    // A batch stamps every row with the same time: formatted once.
                    DateTimeOffset d => raw.sqlite3_bind_text(statement, p,
                        timeText is not null && d == time ? timeText : timeText = Encoding.UTF8.GetBytes(TypeHandlers.ToSqliteText(time = d))),
                    var other => raw.sqlite3_bind_text(statement, p, Convert.ToString(other, CultureInfo.InvariantCulture)),
                };
                if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
            }
        }

        /// <summary>Runs the statement once; the rows it inserted or updated.</summary>
        public int Step()
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != SqliteDone) SqliteException.ThrowExceptionForRC(rc, db);
            var changed = raw.sqlite3_changes(db);
            raw.sqlite3_reset(statement);
            return changed;
        }

        public void Dispose() => statement.Dispose();

        private static bool Same(object? bound, object? value) => (bound, value) switch
        {
            (null, null) => true,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (Guid a, Guid b) => a == b,
            (int a, int b) => a == b,
            (long a, long b) => a == b,
            (DateTimeOffset a, DateTimeOffset b) => a == b,
            _ => false,
        };
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
