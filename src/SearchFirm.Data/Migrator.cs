using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using EvolveDb;
using EvolveDb.Dialect;
using Microsoft.Extensions.Logging;

namespace SearchFirm.Data;

public sealed record MigrationStatus(int Applied, int Latest)
{
    public bool UpToDate => Applied == Latest;
}

/// <summary>
/// Applies the embedded scripts of db/sqlite or db/sqlserver with Evolve, and refuses to touch a
/// database that a newer build has already migrated: an old binary must not run on a schema it
/// does not know.
/// </summary>
public sealed partial class Migrator(IConnectionFactory factory, ILogger<Migrator> logger)
{
    public const string MetadataTable = "changelog";

    private static readonly DialectSql ChangelogExists = new(
        SqlServer: "SELECT CASE WHEN OBJECT_ID(N'dbo.changelog', N'U') IS NULL THEN 0 ELSE 1 END",
        Sqlite: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'changelog'");

    private const string AppliedScripts = "SELECT name FROM changelog WHERE success = 1";

    public static string ResourcePrefix(DatabaseProvider provider) =>
        $"SearchFirm.Data.Migrations.{(provider == DatabaseProvider.SqlServer ? "SqlServer" : "Sqlite")}";

    /// <summary>The versions shipped in this build, from the embedded file names (V0001__name.sql).</summary>
    public static IReadOnlyList<int> EmbeddedVersions(DatabaseProvider provider)
    {
        var prefix = ResourcePrefix(provider) + ".";
        return typeof(Migrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => VersionOf(n[prefix.Length..]))
            .OfType<int>()
            .Order()
            .ToList();
    }

    public async Task<MigrationStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await factory.OpenAsync(cancellationToken);
        return new MigrationStatus(await AppliedVersionAsync(connection), EmbeddedVersions(factory.Provider).LastOrDefault());
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await factory.OpenAsync(cancellationToken);
        var latest = EmbeddedVersions(factory.Provider).LastOrDefault();
        var applied = await AppliedVersionAsync(connection);
        if (applied > latest)
            throw new InvalidOperationException(
                $"The database is at schema version {applied}, newer than this build knows ({latest}). Deploy the newer build instead.");

        var sqlite = factory.Provider == DatabaseProvider.Sqlite;
        // Foreign keys off while migrating, SQLite's way to rebuild a table others refer to (V0060
        // rebuilds People): dropping the old table would otherwise delete from it, row by row.
        // Every key is checked once the scripts have run. The pragma is ignored inside a transaction.
        if (sqlite)
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = OFF;");

        var evolve = new Evolve(connection, message => logger.LogDebug("Evolve: {Message}", message),
            factory.Provider == DatabaseProvider.SqlServer ? DBMS.SQLServer : DBMS.SQLite)
        {
            EmbeddedResourceAssemblies = [typeof(Migrator).Assembly],
            EmbeddedResourceFilters = [ResourcePrefix(factory.Provider)],
            MetadataTableName = MetadataTable,
            // On SQL Server an application lock keeps two instances from migrating at once.
            EnableClusterMode = factory.Provider == DatabaseProvider.SqlServer,
            IsEraseDisabled = true,
        };
        try
        {
            evolve.Migrate();
            if (sqlite && evolve.NbMigration > 0) await ThrowOnForeignKeyViolationsAsync(connection);
        }
        finally
        {
            if (sqlite) await connection.ExecuteAsync("PRAGMA foreign_keys = ON;");
        }

        if (evolve.NbMigration > 0)
            logger.LogInformation("Applied {Count} migration(s); schema is at version {Version}", evolve.NbMigration, latest);
    }

    private static async Task ThrowOnForeignKeyViolationsAsync(DbConnection connection)
    {
        var violations = (await connection.QueryAsync<(string Table, long? RowId, string Parent)>(
            "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")).AsList();
        if (violations.Count > 0)
            throw new InvalidOperationException(
                $"The migrated database breaks {violations.Count} foreign key(s), first: {violations[0].Table} row {violations[0].RowId} names no row of {violations[0].Parent}.");
    }

    private async Task<int> AppliedVersionAsync(DbConnection connection)
    {
        var exists = await connection.ExecuteScalarAsync<long>(ChangelogExists.For(factory.Provider));
        if (exists == 0) return 0;
        var names = await connection.QueryAsync<string>(AppliedScripts);
        return names.Select(VersionOf).OfType<int>().DefaultIfEmpty(0).Max();
    }

    private static int? VersionOf(string fileName)
    {
        var match = VersionPattern().Match(fileName);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^V(\d+)__.+\.sql$")]
    private static partial Regex VersionPattern();
}
