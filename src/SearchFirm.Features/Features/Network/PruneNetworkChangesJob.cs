using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchFirm.Data;

namespace SearchFirm.Features.Network;

/// <summary>
/// Hourly: deletes NetworkChanges rows older than <see cref="NetworkOptions.ChangeLogRetention"/>.
/// Instances read the log from a mark a few seconds old (they poll every
/// <see cref="NetworkOptions.GraphPollInterval"/>), so a day of it is far more than any running
/// instance needs; one that has not read it for half that long reloads its whole copy instead of
/// trusting what is left (<see cref="InMemoryNetwork"/>). Safe to run twice.
/// </summary>
public sealed partial class PruneNetworkChangesJob(IConnectionFactory connections, IOptions<NetworkOptions> options, TimeProvider clock,
    ILogger<PruneNetworkChangesJob> logger)
{
    public const string RecurringJobId = "prune-network-changes";

    private const string PruneSql = "DELETE FROM NetworkChanges WHERE ChangedAt < @Cutoff";

    /// <returns>How many rows this run removed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(PruneSql,
            new { Cutoff = clock.GetUtcNow() - options.Value.EffectiveChangeLogRetention }, cancellationToken: cancellationToken));
        if (removed > 0) Pruned(logger, removed);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} network change(s) past the log's retention")]
    private static partial void Pruned(ILogger logger, int count);
}
