using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Common.Email;
using SearchFirm.Features.Documents;

namespace SearchFirm.Features.Housekeeping;

/// <summary>Bound from <c>Sweep</c>.</summary>
public sealed class SweepOptions
{
    /// <summary>
    /// Files younger than this are never touched: an upload being checked, a render being written, a
    /// document stored and about to be committed. Older temporary files belong to a process that died.
    /// </summary>
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Hourly and at start-up: removes what a process killed mid-work leaves in the data directory. On
/// Linux nothing else would: a delete-on-close staging file outlives a killed process, and so do a
/// brief's hidden <c>.{key}.{guid}.tmp</c>, a document's <c>.partial</c>, a half-written <c>.eml</c>,
/// and a document or brief PDF stored just before the process died and never committed (no row
/// points at it). All of them may name a candidate, and would outlive that candidate's erasure. On
/// SQLite it also empties the write-ahead log (a checkpoint an erasure could not finish). Only files
/// older than <see cref="SweepOptions.MinimumAge"/>; safe to run twice, or on two instances at once.
/// </summary>
public sealed partial class SweepFilesJob(IConnectionFactory connections, ISqlDialect dialect, DatabaseOptions database, IOptions<DocumentOptions> documents,
    IOptions<SweepOptions> options, IEmailSender mail, TimeProvider clock, ILogger<SweepFilesJob> logger)
{
    public const string RecurringJobId = "sweep-files";

    private const string DocumentKeysSql = "SELECT StorageKey FROM CandidateDocuments";
    private const string BriefKeysSql = "SELECT StorageKey FROM Briefs WHERE StorageKey IS NOT NULL";

    /// <returns>How many files this run removed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.MinimumAge;
        var removed = 0;

        // Staging: every file there is an upload being checked, or one whose process died.
        removed += Remove(Files(documents.Value.StagingDirectory, "*", recursive: false), cutoff);

        HashSet<string> documentKeys, briefKeys;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            documentKeys = [.. await connection.QueryAsync<string>(new CommandDefinition(DocumentKeysSql, cancellationToken: cancellationToken))];
            briefKeys = [.. await connection.QueryAsync<string>(new CommandDefinition(BriefKeysSql, cancellationToken: cancellationToken))];
        }

        // Documents: half-written files, and stored ones (xx/yy/<32 hex>, FileSystemDocumentStorage's keys) no row points at.
        var documentRoot = Path.GetFullPath(documents.Value.Directory);
        removed += Remove(Files(documentRoot, "*.partial", recursive: true), cutoff);
        removed += Remove(Files(documentRoot, "*", recursive: true).Where(path =>
        {
            var name = Path.GetFileName(path);
            return StoredDocumentName().IsMatch(name) && !documentKeys.Contains($"{name[..2]}/{name[2..4]}/{name}");
        }), cutoff);

        // Briefs: half-written renders, and renders no brief row points at (a render stored as its process died, or erased).
        var briefRoot = FileBriefStore.DirectoryOf(database);
        removed += Remove(Files(briefRoot, ".*.tmp", recursive: false), cutoff);
        removed += Remove(Files(briefRoot, "*.pdf", recursive: false).Where(path => !briefKeys.Contains(Path.GetFileName(path))), cutoff);

        // The pickup folder: messages half-written when the process died (whole ones are the firm's outbox).
        if (mail is PickupFolderEmailSender pickup)
            removed += Remove(Files(pickup.Directory, ".*.tmp", recursive: false), cutoff);

        if (dialect.Provider == DatabaseProvider.Sqlite && !await CheckpointAsync(connections, cancellationToken))
            CheckpointBusy(logger);
        if (removed > 0) Removed(logger, removed);
        return removed;
    }

    /// <summary>
    /// SQLite: copies the write-ahead log into the database and truncates it to nothing, so that rows
    /// erased (and zeroed by secure_delete) do not live on in old frames. False when readers held it back.
    /// </summary>
    public static async Task<bool> CheckpointAsync(IConnectionFactory connections, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var result = await connection.QuerySingleAsync<(long Busy, long Log, long Checkpointed)>(
            new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken));
        return result.Busy == 0;
    }

    private static IEnumerable<string> Files(string directory, string pattern, bool recursive)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.EnumerateFiles(directory, pattern, new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
            MatchType = MatchType.Simple,
        });
    }

    private int Remove(IEnumerable<string> paths, DateTime cutoffUtc)
    {
        var removed = 0;
        foreach (var path in paths)
        {
            try
            {
                var file = new FileInfo(path);
                if (!file.Exists || file.LastWriteTimeUtc > cutoffUtc) continue;
                file.Delete();
                removed++;
            }
            catch (IOException e)
            {
                // Gone meanwhile (another sweep), or in use: the next run tries again.
                NotRemoved(logger, Path.GetFileName(path), e.GetType().Name);
            }
            catch (UnauthorizedAccessException e)
            {
                NotRemoved(logger, Path.GetFileName(path), e.GetType().Name);
            }
        }

        return removed;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex StoredDocumentName();

    [LoggerMessage(Level = LogLevel.Information, Message = "The sweep removed {Count} leftover file(s) from the data directory")]
    private static partial void Removed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep could not remove {File} ({ExceptionType}); it tries again next hour")]
    private static partial void NotRemoved(ILogger logger, string file, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite write-ahead log could not be emptied (readers were busy); the next sweep tries again")]
    private static partial void CheckpointBusy(ILogger logger);
}
