using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Common;

namespace SearchFirm.Generator;

/// <summary>
/// A load run of pipeline transitions on SQLite: N concurrent writers move candidacies of the big
/// search through the real mediator pipeline. Half of the moves race another writer for the same
/// candidacy, so that lost updates would show. Afterwards every candidacy's version must equal one
/// plus its successful moves, and its history must hold exactly those moves.
/// </summary>
public static class TransitionLoad
{
    public sealed record Result(int Writers, int Attempts, int Succeeded, int Conflicts, int OtherFailures, double P50Ms, double P95Ms, double P99Ms, double PerSecond, double CpuMsPerAttempt, int LostUpdates);

    private const int WarmUpSlots = 20;

    /// <param name="thinkTime">
    /// Zero: each writer moves again as soon as its last move is answered (closed loop, the machine
    /// saturated). Otherwise each writer pauses this long between moves, as people at work do.
    /// </param>
    public static async Task<Result> RunAsync(GeneratedFirmHandle firm, int writers = 20, int movesPerWriter = 50, TimeSpan thinkTime = default)
    {
        await using var services = FirmGenerator.Services(firm.DataDirectory, new FixedUser(firm.PartnerId, Role.Partner));
        List<Guid> candidacies;
        await using (var connection = await services.GetRequiredService<IConnectionFactory>().OpenAsync())
            candidacies = (await connection.QueryAsync<Guid>(
                "SELECT Id FROM Candidacies WHERE SearchId = @SearchId AND Stage = 'Identified' ORDER BY Id", new { firm.SearchId })).AsList();

        // Warm up (JIT, pools, caches) on candidacies the measured run does not touch.
        for (var i = 0; i < 40 && candidacies.Count > WarmUpSlots; i++)
            await MoveAsync(services, candidacies[^(1 + i % WarmUpSlots)]);

        var before = await VersionsAsync(services, candidacies);
        var latencies = new ConcurrentBag<double>();
        var succeeded = new ConcurrentDictionary<Guid, int>();
        int conflicts = 0, others = 0, attempts = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var m = 0; m < movesPerWriter; m++)
            {
                // Writers pair up on the same candidacy every other move (five per pair, in turn);
                // the odd moves go to candidacies of the writer's own (ten each).
                var index = (m % 2 == 0 ? w / 2 * 5 + m / 2 % 5 : (writers + 1) / 2 * 5 + w * 10 + m / 2 % 10) % (candidacies.Count - WarmUpSlots);
                var candidacyId = candidacies[index];
                var version = await CurrentVersionAsync(services, candidacyId);
                var to = version % 2 == 1 ? Stage.Contacted : Stage.Identified;
                var timer = Stopwatch.StartNew();
                Interlocked.Increment(ref attempts);
                try
                {
                    await SendAsync(services, new TransitionCandidacy
                    {
                        CandidacyId = candidacyId, To = to, ExpectedVersion = version, Override = true,
                        Reason = to == Stage.Identified ? "load run: back to identified" : "load run: partner override",
                    });
                    latencies.Add(timer.Elapsed.TotalMilliseconds);
                    succeeded.AddOrUpdate(candidacyId, 1, (_, n) => n + 1);
                }
                catch (ConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref others);
                }

                if (thinkTime > TimeSpan.Zero) await Task.Delay(thinkTime);
            }
        })));
        var elapsed = started.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var after = await VersionsAsync(services, candidacies);
        var lost = candidacies.Count(id =>
        {
            var moves = succeeded.GetValueOrDefault(id);
            return after[id].Version != before[id].Version + moves || after[id].History != before[id].History + moves;
        });

        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Result(writers, attempts, sorted.Length, conflicts, others, P(0.50), P(0.95), P(0.99), sorted.Length / elapsed.TotalSeconds,
            cpu.TotalMilliseconds / Math.Max(1, attempts), lost);
    }

    private static async Task MoveAsync(IServiceProvider services, Guid candidacyId)
    {
        var version = await CurrentVersionAsync(services, candidacyId);
        var to = version % 2 == 1 ? Stage.Contacted : Stage.Identified;
        await SendAsync(services, new TransitionCandidacy
        {
            CandidacyId = candidacyId, To = to, ExpectedVersion = version, Override = true, Reason = "load run: warm-up",
        });
    }

    private static async Task<Dictionary<Guid, (long Version, long History)>> VersionsAsync(IServiceProvider services, List<Guid> candidacies)
    {
        await using var connection = await services.GetRequiredService<IConnectionFactory>().OpenAsync();
        var result = new Dictionary<Guid, (long, long)>();
        foreach (var id in candidacies)
        {
            result[id] = await connection.QuerySingleAsync<(long Version, long History)>(
                "SELECT Version, (SELECT COUNT(*) FROM CandidacyTransitions t WHERE t.CandidacyId = c.Id) FROM Candidacies c WHERE c.Id = @id", new { id });
        }

        return result;
    }

    private static async Task<int> CurrentVersionAsync(IServiceProvider services, Guid candidacyId)
    {
        await using var connection = await services.GetRequiredService<IConnectionFactory>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT Version FROM Candidacies WHERE Id = @candidacyId", new { candidacyId });
    }

    private static async Task SendAsync<T>(IServiceProvider services, ICommand<T> command)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }
}

public sealed record GeneratedFirmHandle(string DataDirectory, Guid SearchId, Guid PartnerId);
