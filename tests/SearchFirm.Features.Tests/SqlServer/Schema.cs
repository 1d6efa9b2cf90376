using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace SearchFirm.Features.Tests.SqlServer;

/// <summary>
/// What both dialects must agree on, table by table: column names, nullability and storage class,
/// and the named indexes. Storage class is SQLite's view (TEXT, INTEGER, REAL, BLOB): GUIDs, times
/// and decimals are TEXT there, never REAL.
/// </summary>
public sealed class Schema
{
    public Dictionary<string, Dictionary<string, Column>> Tables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Index> Indexes { get; } = new(StringComparer.Ordinal);

    public sealed record Column(bool Nullable, string StorageClass);

    public sealed record Index(string Table, bool Unique, string Columns);

    /// <summary>Reads a migrated SQLite database; Evolve's changelog is not part of the product's schema.</summary>
    public static async Task<Schema> FromSqliteAsync(string file)
    {
        var schema = new Schema();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = (await connection.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'changelog'")).ToList();
        var virtualTables = tables.Where(t => t.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToList();
        foreach (var (table, _) in tables)
        {
            // An FTS5 table keeps its index in shadow tables (<name>_data, _idx, ...): SQLite's machinery, not ours.
            if (virtualTables.Any(v => table.StartsWith(v + "_", StringComparison.Ordinal))) continue;
            if (virtualTables.Contains(table))
            {
                // FTS5 columns carry no type or constraint; they hold text, which the SQL Server twin declares NOT NULL.
                var names = await connection.QueryAsync<string>("SELECT name FROM pragma_table_info(@table)", new { table });
                schema.Tables[table] = names.ToDictionary(n => n, _ => new Column(false, "TEXT"), StringComparer.Ordinal);
                continue;
            }

            // Nullability from NOT NULL only: unlike SQL Server, SQLite lets a non-INTEGER primary key hold NULL.
            var columns = await connection.QueryAsync<(string Name, string Type, long NotNull)>(
                "SELECT name, type, \"notnull\" FROM pragma_table_info(@table)", new { table });
            schema.Tables[table] = columns.ToDictionary(c => c.Name, c => new Column(c.NotNull == 0, c.Type.ToUpperInvariant()), StringComparer.Ordinal);
        }

        // Explicit CREATE INDEX only (sql IS NOT NULL): autoindexes behind UNIQUE and PRIMARY KEY have no name to compare.
        var indexes = await connection.QueryAsync<(string Name, string Table, string Sql)>(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
        foreach (var (name, table, sql) in indexes)
        {
            var columns = await connection.QueryAsync<string>("SELECT name FROM pragma_index_info(@name) ORDER BY seqno", new { name });
            schema.Indexes[name] = new Index(table, sql.StartsWith("CREATE UNIQUE", StringComparison.OrdinalIgnoreCase), string.Join(", ", columns));
        }

        return schema;
    }

    /// <summary>Replays the SQL Server migration scripts, in order, into the same model.</summary>
    public static Schema FromSqlServerScripts(IEnumerable<string> scripts)
    {
        var schema = new Schema();
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        foreach (var script in scripts)
        {
            using var reader = new StringReader(script);
            var fragment = parser.Parse(reader, out var errors);
            if (errors.Count > 0) throw new InvalidOperationException($"A SQL Server migration does not parse: {errors[0].Message}");
            fragment.Accept(new SqlServerScriptReader(schema));
        }

        return schema;
    }
}
