using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Data;

public sealed class MigratorTests
{
    private DatabaseOptions options = null!;
    private ServiceProvider services = null!;

    private Migrator Migrator => services.GetRequiredService<Migrator>();

    private static int Latest => Migrator.EmbeddedVersions(DatabaseProvider.Sqlite)[^1];

    private string File => Path.Combine(options.DataDirectory, "searchfirm.db");

    [SetUp]
    public void CreateEmptyDatabase()
    {
        options = TestDatabase.EmptySqlite();
        services = TestDatabase.DataServices(options);
    }

    [TearDown]
    public async Task DisposeServices()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    [Test]
    public async Task A_fresh_database_migrates_to_the_latest_embedded_version()
    {
        Assert.That((await Migrator.StatusAsync()).Applied, Is.Zero);

        await Migrator.MigrateAsync();

        var status = await Migrator.StatusAsync();
        Assert.That(status.Applied, Is.EqualTo(Latest));
        Assert.That(status.UpToDate, Is.True);
        Assert.That(await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'"), Does.Contain("Users"));
    }

    [Test]
    public async Task Migrating_twice_changes_nothing()
    {
        await Migrator.MigrateAsync();
        var once = await SnapshotAsync();

        await Migrator.MigrateAsync();

        Assert.That(await SnapshotAsync(), Is.EqualTo(once));
    }

    [Test]
    public async Task A_database_migrated_by_a_newer_build_is_refused_and_left_untouched()
    {
        await Migrator.MigrateAsync();
        var future = Latest + 1;
        await ExecuteAsync("""
            INSERT INTO changelog (type, version, description, name, checksum, installed_by, success)
            VALUES (0, @Version, 'from a newer build', @Name, '', '', 1)
            """, new { Version = future.ToString("D4"), Name = $"V{future:D4}__from_a_newer_build.sql" });
        // Out of WAL, so that nothing but the main file holds the database and any write changes its bytes.
        SqliteConnection.ClearAllPools();
        await ExecuteAsync("PRAGMA journal_mode = DELETE;");
        SqliteConnection.ClearAllPools();
        var before = FileHash();

        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.MigrateAsync());

        SqliteConnection.ClearAllPools();
        Assert.That(refused!.Message, Does.Contain($"schema version {future}").And.Contain($"newer than this build knows ({Latest})"));
        Assert.That(FileHash(), Is.EqualTo(before), "the database file changed");
        Assert.That(await QueryAsync<string>("PRAGMA journal_mode;"), Is.EqualTo(new[] { "delete" }), "the migrator switched the journal mode");
    }

    [Test]
    public async Task The_database_runs_in_WAL_mode_and_enforces_foreign_keys()
    {
        await Migrator.MigrateAsync();

        Assert.That(await QueryAsync<string>("PRAGMA journal_mode;"), Is.EqualTo(new[] { "wal" }));
        Assert.That(await QueryAsync<long>("PRAGMA foreign_keys;"), Is.EqualTo(new[] { 1L }));
        var violation = Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync("""
            INSERT INTO AccessTokens (Id, UserId, TokenHash, CreatedAt, ExpiresAt)
            VALUES (@Id, @UserId, 'hash', '2025-01-01T00:00:00.0000000Z', '2025-01-02T00:00:00.0000000Z')
            """, new { Id = Guid.NewGuid(), UserId = Guid.NewGuid() }));
        Assert.That(violation!.SqliteExtendedErrorCode, Is.EqualTo(787), "SQLITE_CONSTRAINT_FOREIGNKEY");
    }

    /// <summary>The schema and the changelog, as text: what a second migration would have to change.</summary>
    private async Task<List<string>> SnapshotAsync()
    {
        var schema = await QueryAsync<string>("SELECT type || ' ' || name || ': ' || IFNULL(sql, '') FROM sqlite_master ORDER BY type, name");
        var changelog = await QueryAsync<string>("SELECT id || ' ' || IFNULL(version, '') || ' ' || name || ' ' || IFNULL(checksum, '') || ' ' || installed_on || ' ' || success FROM changelog ORDER BY id");
        return [.. schema, .. changelog];
    }

    private string FileHash() => Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(File)));

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<T>(sql)).AsList();
    }

    private async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    private Task<DbConnection> OpenAsync() => services.GetRequiredService<IConnectionFactory>().OpenAsync();
}
