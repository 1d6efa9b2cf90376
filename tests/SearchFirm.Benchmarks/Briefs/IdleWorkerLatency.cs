using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Briefs.Rendering;

namespace SearchFirm.Benchmarks.Briefs;

/// <summary>
/// <c>-- briefs-idle [--samples N] [--pause-ms N]</c>: one brief at a time with a pause before each,
/// as a recruiter asking for one brief meets a worker (BriefBenchmarks' "Single brief" sends them
/// back to back instead, so a worker is never idle). Wired as the product wires it, idle warm-up
/// included.
/// </summary>
internal static class IdleWorkerLatency
{
    public static async Task RunAsync(int samples, TimeSpan pause, TextWriter output)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(Options.Create(new BriefsOptions { MaxConcurrency = 2, RestartAfterRenders = 0 }));
        collection.AddSingleton<IPrinterWarmUp, SpecimenWarmUp>();
        collection.AddSingleton<IPdfPrinter, ChromiumPdfPrinter>();
        collection.AddSingleton<IBriefRenderer, BriefRenderer>();
        await using var services = collection.BuildServiceProvider();
        var renderer = services.GetRequiredService<IBriefRenderer>();
        var candidate = SpecimenBrief.Candidate();

        var times = new List<double>();
        for (var i = -3; i < samples; i++)
        {
            await Task.Delay(pause);
            var timer = Stopwatch.StartNew();
            await renderer.PdfAsync(candidate, CancellationToken.None);
            if (i >= 0) times.Add(timer.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        await output.WriteLineAsync($"single brief after {pause.TotalMilliseconds:0} ms idle, {samples} samples: p50 {P(0.5):0} ms, p95 {P(0.95):0} ms, min {times[0]:0} ms, max {times[^1]:0} ms");
    }
}
