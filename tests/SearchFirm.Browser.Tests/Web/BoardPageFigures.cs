using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;

namespace SearchFirm.Browser.Tests.Web;

/// <summary>
/// The figures in tests/SearchFirm.Benchmarks/RESULTS.md ("Board portal pages"): server render time
/// of the committee's pages, their first-load weight and layout shift. A measurement, not a test:
/// run it by name (it is Explicit) on a quiet machine.
/// </summary>
[Explicit("A measurement for RESULTS.md, not a test")]
[NonParallelizable]
public sealed class BoardPageFigures
{
    [Test]
    public async Task Measure()
    {
        await using var world = await BoardWorld.OpenAsync(5);
        await world.SettingsAsync("PerMemberWithMean", DateTimeOffset.UtcNow.AddDays(6));
        await world.FillFirmAsync(100_000);
        TestContext.Out.WriteLine($"FIRM {await world.CandidateCountAsync()} candidates");
        for (var i = 0; i < 5; i++) await world.InviteAsync($"Member {i}");
        var (link, _) = await world.InviteAsync("Measuring Member");
        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/board");
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "searchfirm_board").Value;
        var paths = new[] { "/board", "/board/shortlist", $"/board/candidates/{world.Presented[0].CandidacyId}" };

        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(world.BaseUrl) };
        foreach (var path in paths)
        {
            var times = new List<double>();
            for (var i = 0; i < 300; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Cookie", $"searchfirm_board={cookie}");
                var watch = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                if (i >= 50) times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            TestContext.Out.WriteLine($"RENDER {path}: p50 {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms, max {times[^1]:0.0} ms");
        }

        foreach (var path in paths)
        {
            await using var fresh = await Chromium.ContextAsync(world.BaseUrl);
            await fresh.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "searchfirm_board", Value = cookie, Url = world.BaseUrl }]);
            var reader = await fresh.NewPageAsync();
            long bytes = 0;
            reader.RequestFinished += async (_, r) => { var sizes = await r.SizesAsync(); Interlocked.Add(ref bytes, sizes.ResponseBodySize + sizes.ResponseHeadersSize); };
            await reader.AddInitScriptAsync("window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });");
            await reader.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            await Task.Delay(500);
            var cls = await reader.EvaluateAsync<double>("window.__cls");
            TestContext.Out.WriteLine($"WEIGHT {path}: {bytes / 1024.0:0.0} KiB on first load, cumulative layout shift {cls:0.000}");
        }
    }
}
