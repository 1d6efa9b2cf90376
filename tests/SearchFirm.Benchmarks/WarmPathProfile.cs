using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Features.Network;

namespace SearchFirm.Benchmarks;

/// <summary>Where a warm-path search spends its time: reading ties, counting them, checking off-limits, the rest (CPU in-process).</summary>
public sealed class WarmPathProfile(string path, TextWriter log, int samples, bool inMemory, bool superNeighbours = false)
{
    private sealed class Timed(ITieSource inner) : ITieSource
    {
        public readonly Stopwatch Read = new(), Count = new();
        public long Rows, Calls;

        public async Task ReadTiesAsync(IReadOnlyCollection<Guid> people, Func<Tie, bool> accept, CancellationToken cancellationToken)
        {
            Read.Start();
            Calls++;
            await inner.ReadTiesAsync(people, tie => { Rows++; return accept(tie); }, cancellationToken);
            Read.Stop();
        }

        public async Task<long> CountTiesAsync(IReadOnlyCollection<Guid> people, CancellationToken cancellationToken)
        {
            Count.Start();
            var n = await inner.CountTiesAsync(people, cancellationToken);
            Count.Stop();
            return n;
        }
    }

    public async Task RunAsync()
    {
        await using var host = new BenchmarkHost(path);
        var factory = host.Services.GetRequiredService<IConnectionFactory>();
        var dialect = host.Services.GetRequiredService<ISqlDialect>();
        await using var connection = await factory.OpenAsync();
        var graph = new NetworkGraph(connection, dialect);
        ITieSource ties = graph;
        IReadOnlySet<Guid>? recentOffLimits = null;
        if (inMemory)
        {
            var network = host.Services.GetRequiredService<InMemoryNetwork>();
            await network.LoadAsync(CancellationToken.None);
            ties = (await network.CurrentAsync(connection, CancellationToken.None))!;
            recentOffLimits = network.RecentOffLimits();
        }

        var staff = await graph.StaffPeopleAsync(CancellationToken.None);
        var targets = new List<Guid>();
        await using (var command = connection.CreateCommand())
        {
            // Random people, or (--targets neighbours) people next to the best-connected person: the tail of the super-connector case.
            command.CommandText = superNeighbours
                ? $"""
                  WITH Super AS (SELECT FromPersonNumber AS Number FROM (SELECT FromPersonNumber, COUNT(*) AS Ties FROM Relationships GROUP BY FromPersonNumber
                                 UNION ALL SELECT ToPersonNumber, COUNT(*) FROM Relationships GROUP BY ToPersonNumber) GROUP BY FromPersonNumber ORDER BY SUM(Ties) DESC LIMIT 1),
                       Near AS (SELECT ToPersonNumber AS Number FROM Relationships WHERE FromPersonNumber = (SELECT Number FROM Super)
                                UNION SELECT FromPersonNumber FROM Relationships WHERE ToPersonNumber = (SELECT Number FROM Super))
                  SELECT p.Id FROM Near n JOIN People p ON p.Number = n.Number WHERE n.Number % 97 = 5 LIMIT {samples}
                  """
                : $"SELECT Id FROM People WHERE rowid % 9973 = 17 LIMIT {samples}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) targets.Add(reader.GetGuid(0));
        }

        // Warm-up (tiered compilation: optimised code after 30 calls), unmeasured.
        foreach (var target in targets)
        {
            var offLimits = await OffLimitsIntermediaries.LoadAsync(connection, dialect, DateTimeOffset.UtcNow, CancellationToken.None);
            await new WarmPathSearch(ties, offLimits.AmongAsync) { MaxHops = 4 }.RunAsync(staff.Select(s => s.PersonId), staff[0].PersonId, target, CancellationToken.None);
        }

        foreach (var hops in new[] { 3, 4 })
        {
            var total = Stopwatch.StartNew();
            var offLimitsTime = new Stopwatch();
            var timed = new Timed(ties);
            long examined = 0;
            var perSearch = new Latencies();
            var slowest = new List<(double Total, double Read, double OffLimits, long Rows, int Examined)>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var target in targets)
            {
                var offLimits = await OffLimitsIntermediaries.LoadAsync(connection, dialect, DateTimeOffset.UtcNow, CancellationToken.None);
                var search = new WarmPathSearch(timed, async (people, ct) =>
                {
                    offLimitsTime.Start();
                    // As the product does: from memory when the copy has a recent off-limits set.
                    var result = recentOffLimits is null ? await offLimits.AmongAsync(people, ct) : people.Where(recentOffLimits.Contains).ToHashSet();
                    offLimitsTime.Stop();
                    return result;
                }) { MaxHops = hops };
                var one = Stopwatch.StartNew();
                var (read0, off0, rows0) = (timed.Read.Elapsed.TotalMilliseconds, offLimitsTime.Elapsed.TotalMilliseconds, timed.Rows);
                var outcome = await search.RunAsync(staff.Select(s => s.PersonId), staff[0].PersonId, target, CancellationToken.None);
                perSearch.Add(one.Elapsed.TotalMilliseconds);
                slowest.Add((one.Elapsed.TotalMilliseconds, timed.Read.Elapsed.TotalMilliseconds - read0, offLimitsTime.Elapsed.TotalMilliseconds - off0, timed.Rows - rows0, outcome.NodesExamined));
                examined += outcome.NodesExamined;
            }

            var n = targets.Count;
            log.WriteLine($"profile ({(inMemory ? "memory" : "database")}) maxHops {hops} over {n} targets, per search: total {total.Elapsed.TotalMilliseconds / n:F1} ms wall " +
                          $"({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n:F1} ms CPU); read ties {timed.Read.Elapsed.TotalMilliseconds / n:F1} ms " +
                          $"({timed.Rows / n:N0} rows in {timed.Calls / (double)n:F1} reads); count ties {timed.Count.Elapsed.TotalMilliseconds / n:F1} ms; " +
                          $"off-limits {offLimitsTime.Elapsed.TotalMilliseconds / n:F1} ms; people examined {examined / n:N0}; search alone {perSearch.Summary}");
            // The tail is what misses a p95 target: where its time goes.
            foreach (var s in slowest.OrderByDescending(s => s.Total).Take(4))
                log.WriteLine($"  slow search: {s.Total:F1} ms: read ties {s.Read:F1} ms ({s.Rows:N0} rows), off-limits {s.OffLimits:F1} ms, {s.Examined:N0} people");
            // The slowest again, alone: a time that swings between runs of the same search is the
            // machine (page faults: fresh memory), not the search.
            var worst = targets[slowest.IndexOf(slowest.MaxBy(s => s.Total))];
            for (var run = 0; run < 8; run++)
            {
                var (collections, faults) = (GC.CollectionCount(0), PageFaults.Minor());
                var search = new WarmPathSearch(timed, (people, ct) => Task.FromResult(recentOffLimits is null ? [] : people.Where(recentOffLimits.Contains).ToHashSet())) { MaxHops = hops };
                var one = Stopwatch.StartNew();
                await search.RunAsync(staff.Select(s => s.PersonId), staff[0].PersonId, worst, CancellationToken.None);
                log.WriteLine($"  slowest again: {one.Elapsed.TotalMilliseconds:F1} ms, {GC.CollectionCount(0) - collections} collections, {PageFaults.Minor() - faults:N0} page faults");
            }
        }
    }
}
