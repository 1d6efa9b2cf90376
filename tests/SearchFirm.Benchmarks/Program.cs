using SearchFirm.Benchmarks;

// Benchmarks and tools, run on purpose (not part of the test run):
//   dotnet run -c Release --project tests/SearchFirm.Benchmarks -- generate [--people N] [--relationships N] [--out file.db]
//   dotnet run -c Release --project tests/SearchFirm.Benchmarks -- network [--db file.db] [--samples N]
//   dotnet run -c Release --project tests/SearchFirm.Benchmarks -- profile [--db file.db] [--samples N]
//   dotnet run -c Release --project tests/SearchFirm.Benchmarks -- import [--people N] [--relationships N]
// Figures and how they were taken: RESULTS.md.
var verb = args.FirstOrDefault() ?? "help";
string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, "--" + name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

var defaultDb = Path.Combine(Path.GetTempPath(), "searchfirm-network", "network.db");
switch (verb)
{
    case "generate":
    {
        var path = Option("out", defaultDb);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var generator = new NetworkGenerator(int.Parse(Option("people", "1000000")), int.Parse(Option("relationships", "10000000")));
        await generator.WriteAsync(path, Console.Out);
        return 0;
    }
    case "network":
    {
        var path = Option("db", defaultDb);
        await new NetworkBenchmarks(path, Console.Out, int.Parse(Option("samples", "200"))).RunAsync();
        return 0;
    }
    case "import":
    {
        await new ImportBenchmark(int.Parse(Option("people", "200000")), int.Parse(Option("relationships", "2000000")), Console.Out).RunAsync();
        return 0;
    }
    case "profile":
    {
        await new WarmPathProfile(Option("db", defaultDb), Console.Out, int.Parse(Option("samples", "50"))).RunAsync();
        return 0;
    }
    default:
        Console.WriteLine("verbs: generate, network, import (see Program.cs)");
        return verb == "help" ? 0 : 1;
}
