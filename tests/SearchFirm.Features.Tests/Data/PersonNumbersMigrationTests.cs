using System.Data.Common;
using Dapper;
using EvolveDb;
using EvolveDb.Dialect;
using EvolveDb.Migration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Data;

/// <summary>
/// V0060 moves Relationships from person GUIDs to person numbers and rebuilds People: a network
/// written before it must come through whole, with symmetric kinds re-ordered by number.
/// </summary>
public sealed class PersonNumbersMigrationTests
{
    // Ada is written first (number 1) but sorts last as text; Ben the other way round.
    private static readonly Guid Ada = Guid.Parse("ffffffff-0000-7000-8000-000000000001");
    private static readonly Guid Ben = Guid.Parse("00000000-0000-7000-8000-000000000002");
    private const string Now = "2026-01-01T00:00:00.0000000Z";

    private DatabaseOptions options = null!;
    private ServiceProvider services = null!;

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
    public async Task A_network_written_before_person_numbers_keeps_its_people_ties_and_employment()
    {
        await using (var connection = await OpenAsync())
        {
            MigrateTo(connection, "55");
            await connection.ExecuteAsync("INSERT INTO People (Id, FullName, Email, IsOffLimits, CreatedAt, UpdatedAt) VALUES (@Id, @Name, @Email, 0, @Now, @Now)",
                new[] { new { Id = Ada, Name = "Ada", Email = (string?)"ada@example.org", Now }, new { Id = Ben, Name = "Ben", Email = (string?)null, Now } });
            // Knows is symmetric: stored once, the lower GUID (Ben) first. Mentor keeps its direction.
            await connection.ExecuteAsync("""
                INSERT INTO Relationships (FromPersonId, ToPersonId, Kind, Strength, Id, Source, CreatedAt, UpdatedAt)
                VALUES (@Ben, @Ada, 'Knows', 4, @Id1, 'Conference', @Now, @Now), (@Ben, @Ada, 'Mentor', 2, @Id2, NULL, @Now, @Now)
                """, new { Ada, Ben, Id1 = Guid.NewGuid(), Id2 = Guid.NewGuid(), Now });
            await connection.ExecuteAsync("INSERT INTO Employment (Id, PersonId, Organisation) VALUES (@Id, @Ada, 'St Mary''s')", new { Id = Guid.NewGuid(), Ada });
        }

        await services.GetRequiredService<Migrator>().MigrateAsync();

        await using var migrated = await OpenAsync();
        var people = (await migrated.QueryAsync<(long Number, Guid Id, string FullName, string? Email)>("SELECT Number, Id, FullName, Email FROM People ORDER BY Number")).AsList();
        Assert.That(people, Is.EqualTo(new[] { (1L, Ada, "Ada", (string?)"ada@example.org"), (2L, Ben, "Ben", (string?)null) }));
        var ties = (await migrated.QueryAsync<(Guid From, Guid To, string Kind, long Strength, string? Source)>("""
            SELECT f.Id, t.Id, r.Kind, r.Strength, r.Source
            FROM Relationships r JOIN People f ON f.Number = r.FromPersonNumber JOIN People t ON t.Number = r.ToPersonNumber
            ORDER BY r.Kind
            """)).AsList();
        Assert.That(ties, Is.EqualTo(new[] { (Ada, Ben, "Knows", 4L, (string?)"Conference"), (Ben, Ada, "Mentor", 2L, (string?)null) }),
            "Knows now lower number first; Mentor as it was");
        Assert.That(await migrated.ExecuteScalarAsync<Guid>("SELECT PersonId FROM Employment"), Is.EqualTo(Ada));
        Assert.That(await migrated.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pragma_foreign_key_check"), Is.Zero);
        Assert.That(await migrated.ExecuteScalarAsync<long>("PRAGMA foreign_keys"), Is.EqualTo(1));
        var orphan = Assert.ThrowsAsync<SqliteException>(() => migrated.ExecuteAsync(
            "INSERT INTO Relationships (FromPersonNumber, ToPersonNumber, Kind, Strength, Id, CreatedAt, UpdatedAt) VALUES (1, 3, 'Mentor', 3, 'x', 't', 't')"));
        Assert.That(orphan!.SqliteExtendedErrorCode, Is.EqualTo(787), "SQLITE_CONSTRAINT_FOREIGNKEY: a number names a person");
    }

    [Test]
    public async Task A_migration_that_leaves_a_broken_foreign_key_fails_and_says_which()
    {
        await using (var connection = await OpenAsync())
        {
            MigrateTo(connection, "55");
            await connection.ExecuteAsync("PRAGMA foreign_keys = OFF");
            await connection.ExecuteAsync("INSERT INTO Employment (Id, PersonId, Organisation) VALUES (@Id, @Nobody, 'Gone')", new { Id = Guid.NewGuid(), Nobody = Guid.NewGuid() });
            await connection.ExecuteAsync("PRAGMA foreign_keys = ON");
        }

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<Migrator>().MigrateAsync());

        Assert.That(failure!.Message, Does.Contain("Employment").And.Contain("People"));
    }

    private static void MigrateTo(DbConnection connection, string version) =>
        new Evolve(connection, _ => { }, DBMS.SQLite)
        {
            EmbeddedResourceAssemblies = [typeof(Migrator).Assembly],
            EmbeddedResourceFilters = [Migrator.ResourcePrefix(DatabaseProvider.Sqlite)],
            MetadataTableName = Migrator.MetadataTable,
            TargetVersion = new MigrationVersion(version),
        }.Migrate();

    private Task<DbConnection> OpenAsync() => services.GetRequiredService<IConnectionFactory>().OpenAsync();
}
