using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SearchFirm.Features.Briefs;

namespace SearchFirm.Features.Tests.Briefs;

/// <summary>
/// SQL Server cannot run here, so the briefs' and the committee's SQL is at least parsed as T-SQL,
/// and the two V0020 migrations are held to the same tables and columns.
/// </summary>
public sealed partial class BriefsSqlTests
{
    private static readonly string[] Namespaces = ["SearchFirm.Features.Briefs", "SearchFirm.Features.Committees", "SearchFirm.Features.Board"];

    private static IEnumerable<TestCaseData> Queries() =>
        typeof(BriefModel).Assembly.GetTypes()
            .Where(t => t.Namespace is not null && Namespaces.Contains(t.Namespace))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Sql", StringComparison.Ordinal))
                .Select(f => new TestCaseData((string)f.GetRawConstantValue()!).SetName($"{t.Name}.{f.Name} is valid T-SQL")));

    [TestCaseSource(nameof(Queries))]
    public void Parses_as_TSql(string sql) => AssertParses(sql);

    [Test]
    public void The_SQL_Server_migration_parses() =>
        AssertParses(File.ReadAllText(Path.Combine(RepositoryRoot(), "db", "sqlserver", "V0020__briefs.sql")));

    [Test]
    public void Both_migrations_create_the_same_tables_and_columns()
    {
        var sqlite = Columns(File.ReadAllText(Path.Combine(RepositoryRoot(), "db", "sqlite", "V0020__briefs.sql")));
        var sqlServer = Columns(File.ReadAllText(Path.Combine(RepositoryRoot(), "db", "sqlserver", "V0020__briefs.sql")));

        Assert.That(sqlServer, Is.EqualTo(sqlite));
        Assert.That(sqlite.Keys, Is.SupersetOf(new[] { "Briefs", "CommitteeMembers", "BoardSignInLinks", "BoardSessions", "CommitteeFeedback", "CommitteeScores", "BriefNotes", "Searches" }));
    }

    private static void AssertParses(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.That(errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"), Is.Empty, sql);
    }

    /// <summary>Table → column names, from CREATE TABLE bodies and ALTER TABLE … ADD.</summary>
    private static SortedDictionary<string, SortedSet<string>> Columns(string script)
    {
        var tables = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (Match table in CreateTable().Matches(script))
        {
            var columns = table.Groups["body"].Value.Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("CONSTRAINT", StringComparison.Ordinal) && !l.StartsWith("PRIMARY KEY", StringComparison.Ordinal)
                    && !l.StartsWith("--", StringComparison.Ordinal) && char.IsUpper(l[0]))
                .Select(l => l.Split(' ', 2)[0]);
            tables[table.Groups["name"].Value] = new SortedSet<string>(columns, StringComparer.Ordinal);
        }

        foreach (Match added in AlterAdd().Matches(script))
        {
            if (!tables.TryGetValue(added.Groups["name"].Value, out var set))
                tables[added.Groups["name"].Value] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.Add(added.Groups["column"].Value);
        }

        return tables;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SearchFirm.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    [GeneratedRegex(@"CREATE TABLE (dbo\.)?(?<name>\w+) \((?<body>.*?)\n\);", RegexOptions.Singleline)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"ALTER TABLE (dbo\.)?(?<name>\w+) ADD (COLUMN )?(?<column>\w+)")]
    private static partial Regex AlterAdd();
}
