using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SearchFirm.Data;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.SqlServer;

/// <summary>
/// SQL Server cannot run on every machine (it needs Docker), so every T-SQL text the product ships
/// is at least parsed here: a syntax error fails the build instead of a production request.
/// </summary>
public sealed partial class SqlServerSqlParsesTests
{
    private static IEnumerable<TestCaseData> SqlServerTexts() =>
        ProductSql.EverythingSentToSqlServer().Select(t => new TestCaseData(t.Sql).SetArgDisplayNames(t.Name));

    [TestCaseSource(nameof(SqlServerTexts))]
    public void Parses_as_TSql(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);

        parser.Parse(reader, out var errors);

        Assert.That(errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"), Is.Empty, sql);
    }

    [Test]
    public void The_deployment_script_parses_as_TSql()
    {
        // deploy/sqlserver: what an operator runs before the first migration (GO batches included).
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SearchFirm.sln"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "the repository root was not found above the test's output");
        var scripts = Directory.GetFiles(Path.Combine(root!.FullName, "deploy", "sqlserver"), "*.sql");

        Assert.That(scripts, Is.Not.Empty);
        foreach (var script in scripts)
        {
            var parser = new TSql160Parser(initialQuotedIdentifiers: true);
            using var reader = new StreamReader(script);
            parser.Parse(reader, out var errors);
            Assert.That(errors.Select(e => $"{Path.GetFileName(script)} line {e.Line}: {e.Message}"), Is.Empty);
        }
    }

    [Test]
    public void The_reflection_finds_the_products_queries()
    {
        // Guards the test above against passing because it found nothing to parse.
        Assert.That(ProductSql.PortableQueries(), Has.Count.GreaterThan(20));
        Assert.That(ProductSql.PortableQueries().Select(q => q.Name), Does.Contain("Users.CreateUserHandler.InsertSql"));
        Assert.That(ProductSql.SqlServerDialectQueries().Select(q => q.Name), Does.Contain("Migrator.ChangelogExists"));
        Assert.That(ProductSql.SqlServerMigrations(), Is.Not.Empty);
    }

    [Test]
    public void Every_dialect_sql_file_has_its_twin_in_the_other_dialect()
    {
        var names = ProductSql.DialectResourceNames();
        var sqlServer = BaseNames(names, ProductSql.SqlServerSuffix);
        var sqlite = BaseNames(names, ProductSql.SqliteSuffix);

        Assert.Multiple(() =>
        {
            Assert.That(names.Where(n => !n.EndsWith(ProductSql.SqlServerSuffix, StringComparison.OrdinalIgnoreCase)
                                         && !n.EndsWith(ProductSql.SqliteSuffix, StringComparison.OrdinalIgnoreCase)),
                Is.Empty, "SQL files under Features/ name their dialect: <Slice>.sqlserver.sql or <Slice>.sqlite.sql");
            Assert.That(sqlServer.Except(sqlite), Is.Empty, "SQL Server files without a SQLite twin");
            Assert.That(sqlite.Except(sqlServer), Is.Empty, "SQLite files without a SQL Server twin");
        });
    }

    [Test]
    public void Both_dialects_ship_the_same_migration_versions()
    {
        var sqlite = Migrator.EmbeddedVersions(DatabaseProvider.Sqlite);
        var sqlServer = Migrator.EmbeddedVersions(DatabaseProvider.SqlServer);

        Assert.That(sqlite, Is.Not.Empty);
        Assert.That(sqlite, Is.Unique, "two SQLite scripts share a version");
        Assert.That(sqlServer, Is.Unique, "two SQL Server scripts share a version");
        Assert.That(sqlServer, Is.EqualTo(sqlite));
    }

    [TestCase("sqlite")]
    [TestCase("sqlserver")]
    public void Every_migration_file_is_named_for_Evolve_and_embedded(string dialect)
    {
        var files = Directory.GetFiles(Repository.PathOf("db", dialect)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var provider = dialect == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.SqlServer;
        var prefix = Migrator.ResourcePrefix(provider) + ".";
        var embedded = typeof(Migrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n[prefix.Length..]).Order(StringComparer.Ordinal);

        // A file Evolve does not recognise as versioned would be skipped without a word. Four digits, so that
        // name order is version order: SchemaParityTests replays the scripts in name order.
        Assert.That(files, Is.Not.Empty.And.All.Matches(MigrationName()));
        Assert.That(embedded, Is.EqualTo(files));
    }

    private static HashSet<string> BaseNames(IEnumerable<string> names, string suffix) =>
        names.Where(n => n.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)).Select(n => n[..^suffix.Length]).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^V\d{4}__[\w-]+\.sql$")]
    private static partial Regex MigrationName();
}
