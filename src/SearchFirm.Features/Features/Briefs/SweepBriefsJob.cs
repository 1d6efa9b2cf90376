using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchFirm.Data;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// Never lost: a recurring job that enqueues again every brief whose job has gone missing. Hangfire's
/// in-memory storage (the embedded default) forgets every queued job when the process stops, and a
/// worker killed mid-render leaves its brief Rendering under a lease nobody will release. Enqueuing
/// a brief that does still have a job is harmless: <see cref="RenderBriefJob"/> claims before it works.
/// </summary>
public sealed partial class SweepBriefsJob(IConnectionFactory connections, IBriefQueue queue, BriefWorker worker,
    IOptions<BriefsOptions> options, TimeProvider clock, ILogger<SweepBriefsJob> logger)
{
    public const string RecurringJobId = "briefs-sweeper";

    private const string StuckSql = """
        SELECT Id FROM Briefs
        WHERE (Status = 'Requested' AND (@Everything = 1 OR UpdatedAt < @StuckBefore))
           OR (Status = 'Rendering' AND (LeaseUntil < @Now OR (@SoleWorker = 1 AND LeaseOwner <> @Owner)))
        ORDER BY RequestedAt
        """;

    /// <param name="atStartup">
    /// On a sole worker's start every Requested brief is orphaned (its queue was in memory), so all
    /// of them go back on the queue at once instead of after <see cref="BriefsOptions.StuckAfter"/>.
    /// </param>
    public async Task<int> RunAsync(bool atStartup, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var stuck = (await connection.QueryAsync<Guid>(new CommandDefinition(StuckSql, new
        {
            Everything = atStartup && worker.SoleWorker ? 1 : 0,
            StuckBefore = now - options.Value.StuckAfter,
            Now = now,
            SoleWorker = worker.SoleWorker ? 1 : 0,
            Owner = worker.Id,
        }, cancellationToken: cancellationToken))).AsList();
        foreach (var id in stuck)
            queue.Enqueue(id);
        if (stuck.Count > 0) Requeued(logger, stuck.Count);
        return stuck.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enqueued {Count} brief(s) again whose job was lost")]
    private static partial void Requeued(ILogger logger, int count);
}
