using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SearchFirm.Data;
using SearchFirm.Features.Network;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Network;

/// <summary>
/// The network's SQL in both dialects, checked without a SQL Server: every SQL Server text (plain
/// SQL strings, DialectSql.SqlServer, the V0010, V0050 and V0060 migrations) parses as T-SQL 160, and every SQLite
/// text compiles against a migrated SQLite database.
/// </summary>
public sealed partial class NetworkSqlTests
{
    private static readonly string[] Verbs = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"];

    private static IEnumerable<(string Name, string SqlServer, string Sqlite)> Texts()
    {
        var types = typeof(WarmPathSearch).Assembly.GetTypes().Where(t => t.Namespace == typeof(WarmPathSearch).Namespace);
        foreach (var type in types)
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var value = field.IsLiteral ? field.GetRawConstantValue() : field.IsInitOnly ? field.GetValue(null) : null;
                var name = $"{type.Name}.{field.Name}";
                if (value is DialectSql pair) yield return (name, pair.SqlServer, pair.Sqlite);
                else if (value is string text && Verbs.Any(v => text.TrimStart().StartsWith(v, StringComparison.OrdinalIgnoreCase)))
                    yield return (name, text, text);
            }
        }
    }

    [Test]
    public void Every_sql_server_text_of_the_network_parses()
    {
        var texts = Texts().ToList();
        foreach (var script in new[] { "V0010__network.sql", "V0050__network_changes.sql", "V0060__person_numbers.sql" })
        {
            var migration = typeof(DatabaseOptions).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("SqlServer." + script, StringComparison.Ordinal));
            using var stream = typeof(DatabaseOptions).Assembly.GetManifestResourceStream(migration)!;
            texts.Add((script, new StreamReader(stream).ReadToEnd(), ""));
        }

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var failures = new List<string>();
        foreach (var (name, sql, _) in texts)
        {
            parser.Parse(new StringReader(sql), out var errors);
            failures.AddRange(errors.Select(e => $"{name}: line {e.Line}: {e.Message}"));
        }

        Assert.That(texts.Count, Is.GreaterThan(15), "the scan found the network's SQL");
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Every_sqlite_text_of_the_network_compiles()
    {
        var settings = await TestDatabase.NewAsync(DatabaseProvider.Sqlite);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(settings["SearchFirm:DataDirectory"]!, "searchfirm.db")}");
        await connection.OpenAsync();
        var failures = new List<string>();
        var creates = Texts().Where(t => t.Sqlite.TrimStart().StartsWith("CREATE", StringComparison.OrdinalIgnoreCase)).Select(t => t.Sqlite).ToList();
        foreach (var (name, _, sql) in Texts())
        {
            // Statements that create (staging) tables run before each text, so that it can name
            // them (EXPLAIN covers only a text's first statement: the rest of a script runs).
            foreach (var ddl in creates)
            {
                await using var create = connection.CreateCommand();
                create.CommandText = ddl;
                await create.ExecuteNonQueryAsync();
            }

            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN " + sql;
            foreach (var parameter in ParameterPattern().Matches(sql).Select(m => m.Value).Distinct())
                command.Parameters.AddWithValue(parameter, DBNull.Value);
            try
            {
                await using var reader = await command.ExecuteReaderAsync();
            }
            catch (SqliteException e)
            {
                failures.Add($"{name}: {e.Message}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    /// <summary>
    /// Each instance's in-memory graph learns of changed relationships only from NetworkChanges: a
    /// new writer of Relationships must log there in its own transaction (NetworkChangeLog), then
    /// be added here.
    /// </summary>
    [Test]
    public void Every_writer_of_relationships_is_one_that_logs_its_changes()
    {
        var writes = WritesRelationships();
        var writers = new HashSet<string>();
        foreach (var type in typeof(WarmPathSearch).Assembly.GetTypes())
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                var value = field.IsLiteral ? field.GetRawConstantValue() : field.IsInitOnly && !type.ContainsGenericParameters ? field.GetValue(null) : null;
                var texts = value switch { DialectSql pair => new[] { pair.SqlServer, pair.Sqlite }, string text => [text], string[] list => list, _ => [] };
                if (texts.Any(t => writes.IsMatch(t))) writers.Add(type.Name);
            }
        }

        Assert.That(writers, Is.EquivalentTo(new[] { "CreateRelationshipHandler", "ImportNetworkHandler", "CandidateErasure" }));
    }

    [GeneratedRegex(@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE)\s+(dbo\.)?Relationships\b", RegexOptions.IgnoreCase)]
    private static partial Regex WritesRelationships();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterPattern();
}
