using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Documents;
using SearchFirm.Features.Users;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Before serving: on the embedded default, migrate; on SQL Server, migrations are an operator's
/// step (the migrate command), and the app refuses a database newer than itself.
/// </summary>
internal static partial class Startup
{
    public static async Task PrepareDatabaseAsync(IServiceProvider services, IConfiguration configuration)
    {
        var migrator = services.GetRequiredService<Migrator>();
        var options = services.GetRequiredService<DatabaseOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SearchFirm.Startup");

        if (configuration.GetValue("Database:MigrateOnStartup", options.Provider == DatabaseProvider.Sqlite))
            await migrator.MigrateAsync();
        else
        {
            var status = await migrator.StatusAsync();
            if (status.Applied > status.Latest)
                throw new InvalidOperationException(
                    $"The database is at schema version {status.Applied}, newer than this build knows ({status.Latest}).");
            if (!status.UpToDate)
                NotMigrated(logger, status.Applied, status.Latest);
        }

        await services.GetRequiredService<BootstrapAdmin>()
            .EnsureAsync(services.GetRequiredService<IOptions<BootstrapOptions>>().Value, Console.Out);
    }

    /// <summary>
    /// The data directory (and any storage directory configured outside it) must be the service's
    /// own: refuse to start, naming the command that fixes it, when group or others may enter it.
    /// A missing one is made owner-only.
    /// </summary>
    public static void EnsureDataDirectoryPrivate(IServiceProvider services, IConfiguration configuration)
    {
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(services.GetRequiredService<DatabaseOptions>().DataDirectory));
        var documents = services.GetRequiredService<IOptions<DocumentOptions>>().Value;
        string?[] others = [documents.Directory, documents.StagingDirectory, configuration["Email:PickupDirectory"]];
        foreach (var directory in others.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => Path.GetFullPath(d!)))
        {
            var inside = (Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar).StartsWith(data + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (!inside && OwnerOnly.WhyNotPrivate(directory) is { } problem)
                throw new InvalidOperationException(problem);
        }

        if (OwnerOnly.WhyNotPrivate(data) is { } why)
            throw new InvalidOperationException(why);
        OwnerOnly.CreateDirectory(data);
    }

    /// <summary>
    /// Stored documents must never be reachable as static files: refuse to start when the storage
    /// directory lies inside the web root (there is none today; this keeps it so if one is added).
    /// </summary>
    public static void EnsureDocumentsOutsideWebRoot(IServiceProvider services, IWebHostEnvironment environment)
    {
        if (string.IsNullOrEmpty(environment.WebRootPath)) return;
        var webRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(environment.WebRootPath)) + Path.DirectorySeparatorChar;
        var options = services.GetRequiredService<IOptions<DocumentOptions>>().Value;
        foreach (var directory in new[] { options.Directory, options.StagingDirectory })
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
            if (full.StartsWith(webRoot, StringComparison.Ordinal))
                throw new InvalidOperationException($"Documents must be stored outside the web root ({environment.WebRootPath}); move {directory}.");
        }
    }

    /// <summary>The operator's verb: <c>dotnet SearchFirm.Api.dll migrate</c>.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services)
    {
        var migrator = services.GetRequiredService<Migrator>();
        await migrator.MigrateAsync();
        var status = await migrator.StatusAsync();
        await Console.Out.WriteLineAsync($"Database schema is at version {status.Applied}.");
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database schema is at version {Applied}; this build needs {Latest}. Run the migrate command; /health/ready stays unhealthy until then.")]
    private static partial void NotMigrated(ILogger logger, int applied, int latest);
}
