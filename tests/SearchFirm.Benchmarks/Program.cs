using BenchmarkDotNet.Running;

namespace SearchFirm.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/SearchFirm.Benchmarks -- --filter '*'</c> runs every
/// benchmark; any BenchmarkDotNet option works after <c>--</c>.
/// </summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
