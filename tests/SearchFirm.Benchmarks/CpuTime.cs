using System.Diagnostics;
using System.Globalization;

namespace SearchFirm.Benchmarks;

/// <summary>
/// <c>-- cputime</c>: the same cases as <see cref="GetSearchBenchmarks"/>, measured as CPU time per
/// operation (getrusage, all threads of the process) besides wall-clock time. On a machine that
/// other work keeps busy, wall-clock time mostly measures waiting for a core; CPU time measures
/// what the code costs. Rounds are interleaved (a, b, c, ... then again) so that a burst of
/// neighbouring load spreads over every case, and the median round is reported.
/// </summary>
internal static class CpuTime
{
    public static async Task RunAsync(TimeSpan perRound, int rounds)
    {
        var benchmarks = new GetSearchBenchmarks();
        benchmarks.Setup();
        try
        {
            (string Name, Func<Task> Operation)[] cases =
            [
                ("a. direct: open + 3 Dapper queries", async () => await benchmarks.Direct()),
                ("b. mediator: scope + ISender.Send", async () => await benchmarks.Mediator()),
                ("c. HTTP in-process: GET with bearer", async () => await benchmarks.Http()),
                ("part: open pooled connection (+PRAGMAs)", benchmarks.OpenConnection),
                ("part: team check (scope, open, 1 query)", async () => await benchmarks.TeamCheck()),
                ("part: token lookup (scope, open, SHA-256, 1 query)", async () => await benchmarks.TokenLookup()),
                ("part: JSON serialize SearchDetail", benchmarks.Serialize),
            ];

            foreach (var (_, operation) in cases)
                await MeasureAsync(operation, perRound); // warm-up: tiered JIT settles

            var results = cases.Select(_ => new List<Round>()).ToArray();
            for (var round = 0; round < rounds; round++)
                for (var i = 0; i < cases.Length; i++)
                    results[i].Add(await MeasureAsync(cases[i].Operation, perRound));

            var baseline = Median(results[0]).CpuMicroseconds;
            Console.WriteLine($"CPU time per operation, median of {rounds} interleaved rounds of {perRound.TotalSeconds:0.#} s each:");
            Console.WriteLine();
            Console.WriteLine("| Case | CPU us/op | wall us/op | CPU ratio | allocated B/op | ops/round |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            for (var i = 0; i < cases.Length; i++)
            {
                var m = Median(results[i]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {cases[i].Name} | {m.CpuMicroseconds:0.0} | {m.WallMicroseconds:0.0} | {m.CpuMicroseconds / baseline:0.00} | {m.AllocatedBytes:0} | {m.Operations} |"));
            }
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static async Task<Round> MeasureAsync(Func<Task> operation, TimeSpan duration)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var operations = 0;
        while (wall.Elapsed < duration)
        {
            await operation();
            operations++;
        }

        var elapsed = wall.Elapsed;
        return new Round(
            operations,
            (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / operations,
            elapsed.TotalMicroseconds / operations,
            (double)(GC.GetTotalAllocatedBytes(precise: true) - allocated) / operations);
    }

    private static Round Median(List<Round> rounds) => rounds.OrderBy(r => r.CpuMicroseconds).ElementAt(rounds.Count / 2);

    private sealed record Round(int Operations, double CpuMicroseconds, double WallMicroseconds, double AllocatedBytes);
}
