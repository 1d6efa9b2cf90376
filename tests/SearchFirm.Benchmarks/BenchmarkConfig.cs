using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;

namespace SearchFirm.Benchmarks;

/// <summary>
/// Short enough for a few minutes on two cores, long enough for honest error bars: one launch,
/// 5 warm-up and 15 measured iterations of about 400 ms each (hundreds to tens of thousands of
/// operations apiece), reported with BenchmarkDotNet's 99.9% confidence interval and the median,
/// which a neighbour's burst of CPU moves less than the mean.
/// </summary>
internal sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithId("Short15")
            .WithLaunchCount(1)
            .WithWarmupCount(5)
            .WithIterationCount(15)
            .WithIterationTime(TimeInterval.FromMilliseconds(400)));
        AddColumn(StatisticColumn.Median);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
