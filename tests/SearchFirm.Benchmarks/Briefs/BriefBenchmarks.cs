using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using SearchFirm.Features.Board;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Briefs.Rendering;

namespace SearchFirm.Benchmarks.Briefs;

/// <summary>
/// Briefs: a warm single brief, a shortlist book of ten, sustained throughput with two
/// renders at once, stamping a 4-page brief, each against the floor of printing the same HTML
/// with Chromium directly (one long-lived page, no HtmlRenderer, no fresh context). In process,
/// because the browser and Playwright's driver are started once for the whole run.
/// <c>dotnet run -c Release --project tests/SearchFirm.Benchmarks -- --filter '*BriefBenchmarks*'</c>
/// </summary>
[Config(typeof(Settings))]
public class BriefBenchmarks
{
    private const int Sustained = 20;

    private ServiceProvider services = null!;
    private IBriefRenderer renderer = null!;
    private IBriefStamper stamper = null!;
    private BriefModel candidate = null!;
    private BriefModel book = null!;
    private string candidateHtml = "";
    private string bookHtml = "";
    private byte[] fourPages = [];
    private IPlaywright floorPlaywright = null!;
    private IBrowser floorBrowser = null!;
    private IPage floorPage = null!;

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            // The in-process toolchain gives up after 5 minutes by default; twenty renders a round on a
            // loaded two-core machine can take longer.
            AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(12).WithId("InProcess12"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Min);
            WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        }
    }

    [GlobalSetup]
    public async Task Setup()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(Options.Create(new BriefsOptions { MaxConcurrency = 2, RestartAfterRenders = 0 }));
        collection.AddSingleton<IPrinterWarmUp, SpecimenWarmUp>();   // as the product is wired: warm when idle
        collection.AddSingleton<IPdfPrinter, ChromiumPdfPrinter>();
        collection.AddSingleton<IBriefRenderer, BriefRenderer>();
        collection.AddSingleton<IBriefStamper, PdfPigStamper>();
        services = collection.BuildServiceProvider();
        renderer = services.GetRequiredService<IBriefRenderer>();
        stamper = services.GetRequiredService<IBriefStamper>();
        candidate = SpecimenBrief.Candidate();
        book = SpecimenBrief.Book(10);
        candidateHtml = await renderer.HtmlAsync(candidate);
        bookHtml = await renderer.HtmlAsync(book);
        fourPages = await renderer.PdfAsync(candidate, CancellationToken.None);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(fourPages))
            Console.WriteLine($"// candidate brief: {document.NumberOfPages} pages, {fourPages.Length / 1024} KiB");

        floorPlaywright = await Playwright.CreateAsync();
        floorBrowser = await floorPlaywright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPdfPrinter.ResolveExecutable(null), Headless = true, Args = ChromiumPdfPrinter.LaunchArgs,
        });
        floorPage = await floorBrowser.NewPageAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        var (processes, megabytes) = BrowserMemory.Measure();
        Console.WriteLine($"// browser memory: {megabytes:0} MB (PSS) across {processes} Chromium processes (two browsers: the printer's and the floor's)");
        await floorBrowser.CloseAsync();
        floorPlaywright.Dispose();
        var (after, afterMegabytes) = BrowserMemory.Measure();
        Console.WriteLine($"// browser memory, printer's browser alone: {afterMegabytes:0} MB across {after} processes");
        await services.DisposeAsync();
    }

    [Benchmark(Description = "Single brief: HTML only (HtmlRenderer)")]
    public Task<string> SingleBriefHtml() => renderer.HtmlAsync(candidate);

    [Benchmark(Description = "Single brief: HTML + PDF (warm)")]
    public Task<byte[]> SingleBrief() => renderer.PdfAsync(candidate, CancellationToken.None);

    [Benchmark(Description = "Floor: same HTML printed by Chromium directly")]
    public async Task<byte[]> SingleBriefFloor()
    {
        await floorPage.SetContentAsync(candidateHtml);
        return await floorPage.PdfAsync(ChromiumPdfPrinter.PdfOptions(BriefRenderer.Frame(candidate)));
    }

    [Benchmark(Description = "Shortlist book of 10: HTML + PDF")]
    public Task<byte[]> BookOfTen() => renderer.PdfAsync(book, CancellationToken.None);

    [Benchmark(Description = "Floor: book HTML printed by Chromium directly")]
    public async Task<byte[]> BookOfTenFloor()
    {
        await floorPage.SetContentAsync(bookHtml);
        return await floorPage.PdfAsync(ChromiumPdfPrinter.PdfOptions(BriefRenderer.Frame(book)));
    }

    [Benchmark(Description = "Sustained: 20 briefs, 2 at a time (per brief)", OperationsPerInvoke = Sustained)]
    public async Task SustainedTwoAtATime()
    {
        using var two = new SemaphoreSlim(2);
        await Task.WhenAll(Enumerable.Range(0, Sustained).Select(async _ =>
        {
            await two.WaitAsync();
            try { await renderer.PdfAsync(candidate, CancellationToken.None); }
            finally { two.Release(); }
        }));
    }

    [Benchmark(Description = "Stamp a 4-page brief (PdfPig)")]
    public byte[] Stamp() => stamper.Stamp(fourPages, "Confidential copy for Jane Doe · downloaded 23 Nov 2026 14:05 UTC · not to be forwarded");
}

/// <summary>
/// Memory of the Chromium processes under this one (Linux /proc): the proportional set size
/// (shared pages divided among the processes sharing them), so that summing does not count
/// Chromium's shared libraries once per process; resident size where smaps_rollup is missing.
/// </summary>
internal static class BrowserMemory
{
    public static (int Processes, double Megabytes) Measure()
    {
        if (!Directory.Exists("/proc")) return (0, 0);
        var parents = new Dictionary<int, (int Parent, string Name, long Kilobytes)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                var status = File.ReadAllLines(Path.Combine(directory, "status"));
                string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "";
                var rollup = Path.Combine(directory, "smaps_rollup");
                var pss = File.Exists(rollup) ? File.ReadLines(rollup).FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal)) : null;
                var rss = (pss is not null ? pss[4..].Trim() : Field("VmRSS")).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                parents[pid] = (int.Parse(Field("PPid"), System.Globalization.CultureInfo.InvariantCulture), Field("Name"),
                    rss is null ? 0 : long.Parse(rss, System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        var self = Environment.ProcessId;
        bool Descends(int pid)
        {
            for (var i = 0; i < 64 && parents.TryGetValue(pid, out var p); i++)
            {
                if (p.Parent == self) return true;
                pid = p.Parent;
            }

            return false;
        }

        var chromium = parents.Where(p => p.Value.Name.Contains("chrom", StringComparison.OrdinalIgnoreCase) && Descends(p.Key)).ToList();
        return (chromium.Count, chromium.Sum(p => p.Value.Kilobytes) / 1024.0);
    }
}
