using Microsoft.Extensions.Diagnostics.HealthChecks;
using SearchFirm.Data;

namespace SearchFirm.Api.Hosting;

/// <summary>Ready means the database answers and carries every migration this build ships.</summary>
internal sealed class DatabaseReadyCheck(Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await migrator.StatusAsync(cancellationToken);
            return status.UpToDate
                ? HealthCheckResult.Healthy($"Schema version {status.Applied}.")
                : HealthCheckResult.Unhealthy($"Schema version {status.Applied}; this build needs {status.Latest}. Run the migrate command.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
