using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SearchFirm.Features.Network;

/// <summary>
/// Loads this instance's <see cref="InMemoryNetwork"/> in the background once the host has
/// started (requests are served meanwhile, from the database), then keeps it current: catches up
/// on the change log every <see cref="NetworkOptions.GraphPollInterval"/> and reloads after a bulk
/// change. A failure (e.g. the database not migrated yet) is logged and retried; it never stops the host.
/// </summary>
internal sealed partial class NetworkGraphLoader(InMemoryNetwork network, IOptions<NetworkOptions> options, ILogger<NetworkGraphLoader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!network.Enabled) return;
        // Let start-up finish first: the load is seconds of CPU on a large network.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (network.ReloadDue) await network.LoadAsync(stoppingToken);
                else await network.CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, e.GetType().Name, e.Message);
                await Delay(options.Value.GraphRetryInterval, stoppingToken);
                continue;
            }

            await Delay(options.Value.GraphPollInterval, stoppingToken);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the in-memory network current failed ({ExceptionType}: {Message}); warm paths read the database until it succeeds")]
    private static partial void Failed(ILogger logger, string exceptionType, string message);
}
