using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SearchFirm.Data;

namespace SearchFirm.Features.Tests.Infrastructure;

/// <summary>
/// Every test gets a fresh, migrated database. SQLite: one template file is migrated once per run,
/// then copied per test (milliseconds, and no DELETE lists to keep up to date). SQL Server: a
/// Testcontainers instance where a Docker engine runs; ignored, with the reason, where none does.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> SqlServerMaster = new(StartSqlServerAsync);

    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "searchfirm-tests", Guid.NewGuid().ToString("N"));

    public static bool DockerAvailable =>
        File.Exists("/var/run/docker.sock") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    public const string NoDockerReason = "SQL Server runs through Testcontainers.MsSql, which needs a Docker engine; none runs on this machine.";

    /// <summary>Configuration for a host on a new database of the given provider.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> NewAsync(DatabaseProvider provider)
    {
        var directory = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["SearchFirm:DataDirectory"] = directory,
            ["Database:Provider"] = provider.ToString(),
            ["Hangfire:Server"] = "false",
        };

        if (provider == DatabaseProvider.Sqlite)
        {
            File.Copy(await SqliteTemplate.Value, Path.Combine(directory, "searchfirm.db"));
        }
        else
        {
            if (!DockerAvailable) Assert.Ignore(NoDockerReason);
            var master = await SqlServerMaster.Value;
            var name = "sf_" + Guid.NewGuid().ToString("N");
            await using (var connection = new Microsoft.Data.SqlClient.SqlConnection(master))
            {
                await connection.OpenAsync();
                await using var create = connection.CreateCommand();
                create.CommandText = $"CREATE DATABASE [{name}]";
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(master) { InitialCatalog = name }.ConnectionString;
            settings["ConnectionStrings:SearchFirm"] = connectionString;
            await MigrateAsync(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        }

        return settings;
    }

    private static async Task<string> CreateSqliteTemplateAsync()
    {
        var directory = Path.Combine(Root, "template");
        Directory.CreateDirectory(directory);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = directory };
        await MigrateAsync(options);
        // Fold the WAL into the main file so that a plain file copy is a complete database.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection(options.ResolveConnectionString()))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        return Path.Combine(directory, "searchfirm.db");
    }

    /// <summary>A SQLite data directory with no database in it yet, for tests of the migrator itself.</summary>
    public static DatabaseOptions EmptySqlite()
    {
        var directory = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = directory };
    }

    /// <summary>SearchFirm.Data alone (connection factory, migrator, session) on the given database.</summary>
    public static ServiceProvider DataServices(DatabaseOptions options)
    {
        var services = new ServiceCollection().AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSearchFirmData(options);
        return services.BuildServiceProvider();
    }

    private static async Task MigrateAsync(DatabaseOptions options)
    {
        await using var provider = DataServices(options);
        await provider.GetRequiredService<Migrator>().MigrateAsync();
    }

    private static async Task<string> StartSqlServerAsync()
    {
        var container = new Testcontainers.MsSql.MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04").Build();
        await container.StartAsync();
        return container.GetConnectionString();
    }

    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
