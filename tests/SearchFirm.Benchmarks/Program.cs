using BenchmarkDotNet.Running;

namespace SearchFirm.Benchmarks;

/// <summary>
/// Benchmarks and tools, run on purpose (not part of the test run):
/// <list type="bullet">
/// <item><c>-- --filter '*'</c>: every BenchmarkDotNet benchmark (any BenchmarkDotNet option works).</item>
/// <item><c>-- briefs-idle [--samples N] [--pause-ms N]</c>: one brief at a time after a pause, as a worker meets a single request (<see cref="Briefs.IdleWorkerLatency"/>).</item>
/// <item><c>-- cputime</c>: the GET /api/searches/{id} cases as CPU time per operation (<see cref="CpuTime"/>).</item>
/// <item><c>-- generate [--people N] [--relationships N] [--out file.db]</c>: the large referral network.</item>
/// <item><c>-- network [--db file.db] [--samples N] [--engine memory,database,cte]</c>: warm paths on it, from the in-memory copy and/or the database (and the recursive CTE).</item>
/// <item><c>-- profile [--db file.db] [--samples N] [--engine database|memory] [--targets random|neighbours]</c>: where a warm-path search spends its time.</item>
/// <item><c>-- import [--people N] [--relationships N] [--batch N] [--bulk false]</c>: CSV import throughput (<c>--bulk false</c>: batch by batch even into an empty table).</item>
/// </list>
/// The HTTP load run is load/run-load.sh; the firm generator and the transition load run are tests/SearchFirm.Generator.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string Option(string name, string fallback)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        var defaultDb = Path.Combine(Path.GetTempPath(), "searchfirm-network", "network.db");
        switch (args.FirstOrDefault())
        {
            case "briefs-idle":
                await Briefs.IdleWorkerLatency.RunAsync(int.Parse(Option("samples", "30")), TimeSpan.FromMilliseconds(int.Parse(Option("pause-ms", "2000"))), Console.Out);
                return 0;
            case "cputime":
                await CpuTime.RunAsync(TimeSpan.FromSeconds(3), rounds: 5);
                return 0;
            case "generate":
            {
                var path = Option("out", defaultDb);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                var generator = new NetworkGenerator(int.Parse(Option("people", "1000000")), int.Parse(Option("relationships", "10000000")));
                await generator.WriteAsync(path, Console.Out);
                return 0;
            }
            case "network":
                await new NetworkBenchmarks(Option("db", defaultDb), Console.Out, int.Parse(Option("samples", "200")), Option("engine", "memory,database").Split(',')).RunAsync();
                return 0;
            case "profile":
                await new WarmPathProfile(Option("db", defaultDb), Console.Out, int.Parse(Option("samples", "50")), Option("engine", "database") == "memory",
                    Option("targets", "random") == "neighbours").RunAsync();
                return 0;
            case "import":
                await new ImportBenchmark(int.Parse(Option("people", "200000")), int.Parse(Option("relationships", "2000000")), Console.Out,
                    Option("batch", "") is { Length: > 0 } batch ? int.Parse(batch) : null, Option("bulk", "true") == "true").RunAsync();
                return 0;
            case "import-into":
                await new ImportIntoBenchmark(Option("db", defaultDb), int.Parse(Option("relationships", "1000000")), Console.Out,
                    Option("batch", "") is { Length: > 0 } intoBatch ? int.Parse(intoBatch) : null).RunAsync();
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
