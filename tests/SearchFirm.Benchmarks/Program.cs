using BenchmarkDotNet.Running;

namespace SearchFirm.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/SearchFirm.Benchmarks -- --filter '*'</c> runs every
/// BenchmarkDotNet benchmark; any BenchmarkDotNet option works after <c>--</c>.
/// <c>-- cputime</c> measures the same cases as CPU time per operation (see <see cref="CpuTime"/>).
/// The load run is load/run-load.sh.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["cputime", ..])
        {
            await CpuTime.RunAsync(TimeSpan.FromSeconds(3), rounds: 5);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
