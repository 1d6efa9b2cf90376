using System.Text;
using Microsoft.Data.Sqlite;

namespace SearchFirm.Api.Tests.Infrastructure;

/// <summary>
/// Every row of every table of the host's SQLite file, as text: equal snapshots before and after a
/// request prove it stored nothing, with no list of tables to keep up to date.
/// </summary>
public static class DatabaseSnapshot
{
    public static async Task<IReadOnlyList<string>> TakeAsync(ApiFactory api)
    {
        var file = Path.Combine(api.DataDirectory, "searchfirm.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'changelog' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder(table);
                for (var i = 0; i < reader.FieldCount; i++) row.Append(" | ").Append(reader.GetValue(i));
                rows.Add(row.ToString());
            }
        }

        // Sorted here rather than by rowid, which WITHOUT ROWID tables lack.
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
