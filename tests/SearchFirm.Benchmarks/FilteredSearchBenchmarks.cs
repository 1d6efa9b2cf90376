using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidates;
using SearchFirm.Generator;

namespace SearchFirm.Benchmarks;

/// <summary>
/// Keyword search with filters on the generated firm of 100,000 candidates (the firm of
/// <see cref="RecruiterCoreBenchmarks"/>), through the whole mediator pipeline as a partner:
/// target p95 ≤ 50 ms with any filter. The first scenario is the probe's
/// (<c>q=quality&amp;credential=MD&amp;minClinicalYears=10</c>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class FilteredSearchBenchmarks
{
    private ServiceProvider services = null!;

    [Params(
        "quality | credential=MD minClinicalYears=10",
        "quality | roleLevel=ChiefMedicalOfficer",
        "chief medical officer | credential=MBA",
        "cardiology mba | minClinicalYears=20",
        "hospitalist utilization | credential=MD roleLevel=MedicalDirector",
        "quality | minClinicalYears=35",
        "okafor | credential=MD")]
    public string Scenario { get; set; } = "";

    private SearchCandidates query = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var data = RecruiterCoreBenchmarks.DataDirectory;
        if (!File.Exists(Path.Combine(data, "searchfirm.db")))
            await FirmGenerator.GenerateAsync(data, 100_000, log: Console.Out);
        await using (var probe = FirmGenerator.Services(data))
        {
            var (_, partner) = await FirmGenerator.BigSearchAsync(probe);
            services = FirmGenerator.Services(data, new SearchFirm.Generator.FixedUser(partner, Role.Partner));
        }

        query = Parse(Scenario);
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => services.DisposeAsync();

    [Benchmark(Description = "keyword search with filters, first page of 20")]
    public async Task<int> FilteredKeywordSearch()
    {
        await using var scope = services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
        return page.Total;
    }

    /// <summary>"words | name=value name=value": the keyword, then the filters as the query string names them.</summary>
    internal static SearchCandidates Parse(string scenario)
    {
        var parts = scenario.Split('|', 2, StringSplitOptions.TrimEntries);
        var filters = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        return new SearchCandidates(
            Q: parts[0],
            Credential: filters.GetValueOrDefault("credential"),
            RoleLevel: filters.TryGetValue("roleLevel", out var level) ? Enum.Parse<RoleLevel>(level) : null,
            Employer: filters.GetValueOrDefault("employer"),
            MinClinicalYears: filters.TryGetValue("minClinicalYears", out var years) ? int.Parse(years, System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
        }
    }
}
