using Hangfire;
using Microsoft.Extensions.Options;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Digests;
using SearchFirm.Features.Housekeeping;
using SearchFirm.Features.Network;
using SearchFirm.Features.Retention;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Where this process runs Hangfire workers: registers the recurring jobs (the brief sweeper, the
/// daily digest of stale candidacies, retention, expired sign-ins, the sweep of leftover files)
/// (in-memory storage forgets them at every start) and sweeps once at start, so that briefs whose
/// jobs died with the previous process are rendered now rather than a minute from now, and what it
/// left in the data directory is removed.
/// </summary>
internal sealed partial class BackgroundWorkStartup(IRecurringJobManager recurring, IServiceScopeFactory scopes, IOptions<DigestOptions> digest,
    ILogger<BackgroundWorkStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<SweepBriefsJob>(SweepBriefsJob.RecurringJobId, job => job.RunAsync(false, CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<StaleCandidaciesDigestJob>(StaleCandidaciesDigestJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            Cron.Daily(digest.Value.HourUtc));
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        recurring.AddOrUpdate<ExpireSignInsJob>(ExpireSignInsJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        recurring.AddOrUpdate<PruneNetworkChangesJob>(PruneNetworkChangesJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        recurring.AddOrUpdate<SweepFilesJob>(SweepFilesJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SweepBriefsJob>().RunAsync(atStartup: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database that is not migrated yet must not stop the host; the recurring sweep tries again.
            SweepFailed(logger, "briefs", e.GetType().Name);
        }

        try
        {
            // What a process killed mid-upload or mid-render left is removed now, not an hour from now.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SweepFilesJob>().RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SweepFailed(logger, "leftover files", e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The start-up sweep of {What} failed ({ExceptionType}); the recurring sweep will retry")]
    private static partial void SweepFailed(ILogger logger, string what, string exceptionType);
}
