using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;

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
/// Appends many rows to one table (in practice a staging table that a slice's SQL then merges)
/// as fast as the provider allows: SqlBulkCopy on SQL Server, one prepared INSERT reused for
/// every row on SQLite. Values are bound as parameters, never pasted into SQL; table and column
/// names come from code and are checked to be plain identifiers.
/// </summary>
public interface IBulkWriter
{
    Task WriteAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken);
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

internal sealed class SqliteBulkWriter : IBulkWriter
{
    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, string table, IReadOnlyList<BulkColumn> columns,
        IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        BulkNames.Check(table, columns);
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((c, i) => command.Parameters.Add("$p" + i, c.Type == BulkType.Int ? SqliteType.Integer : SqliteType.Text)).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString("D"),
                    DateTimeOffset d => TypeHandlers.ToSqliteText(d),
                    var other => other,
                };
            }

            // Synchronous on purpose: SQLite does no I/O wait worth yielding for, and the async
            // path costs an allocation per row.
            command.ExecuteNonQuery();
        }
    }
}

internal sealed class SqlServerBulkWriter : IBulkWriter
{
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
