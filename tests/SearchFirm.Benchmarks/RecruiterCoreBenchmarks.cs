using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Candidates;
using SearchFirm.Generator;

namespace SearchFirm.Benchmarks;

/// <summary>
/// The recruiter's read targets on a generated firm of 100,000 CMO-track candidates (SQLite):
/// keyword search p95 ≤ 50 ms and the pipeline board of a search with 1,000 candidacies p95 ≤ 20 ms,
/// each through the whole mediator pipeline as the search's lead partner. The firm is generated
/// once into SEARCHFIRM_BENCH_DATA (default /tmp/searchfirm-bench/firm-100k), about a minute.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class RecruiterCoreBenchmarks
{
    private ServiceProvider services = null!;
    private Guid bigSearchId;

    [Params("quality", "chief medical officer", "cardiology mba", "hospitalist utilization", "okafor")]
    public string Query { get; set; } = "";

    public static string DataDirectory =>
        Environment.GetEnvironmentVariable("SEARCHFIRM_BENCH_DATA") ?? Path.Combine(Path.GetTempPath(), "searchfirm-bench", "firm-100k");

    [GlobalSetup]
    public async Task Setup()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "searchfirm.db")))
            await FirmGenerator.GenerateAsync(DataDirectory, 100_000, log: Console.Out);
        await using (var probe = FirmGenerator.Services(DataDirectory))
        {
            var (search, partner) = await FirmGenerator.BigSearchAsync(probe);
            bigSearchId = search;
            services = FirmGenerator.Services(DataDirectory, new SearchFirm.Generator.FixedUser(partner, Role.Partner));
        }
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => services.DisposeAsync();

    [Benchmark(Description = "keyword search, first page of 20")]
    public async Task<int> KeywordSearch()
    {
        await using var scope = services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SearchCandidates(Q: Query));
        return page.Total;
    }

    [Benchmark(Description = "pipeline board, 1,000 candidacies")]
    public async Task<int> PipelineBoard()
    {
        await using var scope = services.CreateAsyncScope();
        var board = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetPipelineBoard(bigSearchId));
        return board.Stages.Sum(s => s.Count);
    }

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15));
        }
    }
}
