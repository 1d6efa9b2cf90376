using SearchFirm.Data;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.SqlServer;

/// <summary>
/// db/sqlite and db/sqlserver are written by hand, twice. The SQLite side is a database migrated by
/// the real migrator; the SQL Server side is its scripts replayed through ScriptDom, since no SQL
/// Server runs here. A column added to one dialect only, or NOT NULL in one and not the other, fails.
/// </summary>
public sealed class SchemaParityTests
{
    private Schema sqlite = null!;
    private static readonly Schema SqlServer = Schema.FromSqlServerScripts(ProductSql.SqlServerMigrations().Select(m => m.Sql));

    [OneTimeSetUp]
    public async Task MigrateSqlite()
    {
        var settings = await TestDatabase.NewAsync(DatabaseProvider.Sqlite);
        sqlite = await Schema.FromSqliteAsync(Path.Combine(settings["SearchFirm:DataDirectory"]!, "searchfirm.db"));
    }

    [Test]
    public void Both_dialects_have_the_same_tables()
    {
        Assert.That(SqlServer.Tables.Keys, Is.Not.Empty);
        Assert.That(SqlServer.Tables.Keys, Is.EquivalentTo(sqlite.Tables.Keys));
    }

    private static IEnumerable<string> SqlServerTables() => SqlServer.Tables.Keys.Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(SqlServerTables))]
    public void A_table_has_the_same_columns_nullability_and_storage_in_both_dialects(string table)
    {
        Assume.That(sqlite.Tables.ContainsKey(table), "missing tables are reported by Both_dialects_have_the_same_tables");

        Assert.That(Describe(SqlServer.Tables[table]), Is.EqualTo(Describe(sqlite.Tables[table])),
            "expected: SQLite, but was: SQL Server");
    }

    [Test]
    public void Both_dialects_have_the_same_indexes_on_the_same_columns()
    {
        Assert.That(SqlServer.Indexes, Is.Not.Empty);
        Assert.That(Describe(SqlServer.Indexes), Is.EqualTo(Describe(sqlite.Indexes)), "expected: SQLite, but was: SQL Server");
    }

    [Test]
    public void The_sql_server_reader_follows_later_alter_and_drop_statements()
    {
        // Later migrations will alter what V0001 created; the reader must track them, or the parity above means little.
        var schema = Schema.FromSqlServerScripts(
        [
            "CREATE TABLE dbo.T (Id UNIQUEIDENTIFIER NOT NULL, Gone INT NULL, Amount DECIMAL(18, 2) NULL, CONSTRAINT PK_T PRIMARY KEY (Id));",
            """
            ALTER TABLE dbo.T ADD Note NVARCHAR(100) NULL, Flag BIT NOT NULL CONSTRAINT DF_T_Flag DEFAULT 0;
            ALTER TABLE dbo.T ALTER COLUMN Amount DECIMAL(18, 2) NOT NULL;
            ALTER TABLE dbo.T DROP COLUMN Gone;
            CREATE UNIQUE INDEX UX_T_Note ON dbo.T (Note, Flag);
            CREATE INDEX IX_T_Flag ON dbo.T (Flag);
            DROP INDEX IX_T_Flag ON dbo.T;
            """,
        ]);

        Assert.That(Describe(schema.Tables["T"]), Is.EqualTo(new[]
        {
            "Amount: NOT NULL TEXT", "Flag: NOT NULL INTEGER", "Id: NOT NULL TEXT", "Note: NULL TEXT",
        }));
        Assert.That(schema.Indexes.Keys, Is.EqualTo(new[] { "UX_T_Note" }));
        Assert.That(schema.Indexes["UX_T_Note"], Is.EqualTo(new Schema.Index("T", Unique: true, "Note, Flag")));
    }

    private static List<string> Describe(Dictionary<string, Schema.Column> columns) =>
        columns.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}: {(c.Value.Nullable ? "NULL" : "NOT NULL")} {c.Value.StorageClass}").ToList();

    private static List<string> Describe(Dictionary<string, Schema.Index> indexes) =>
        indexes.OrderBy(i => i.Key, StringComparer.Ordinal)
            .Select(i => $"{i.Key}: {(i.Value.Unique ? "UNIQUE " : "")}ON {i.Value.Table} ({i.Value.Columns})").ToList();
}
