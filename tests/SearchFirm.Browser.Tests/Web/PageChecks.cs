using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SearchFirm.Browser.Tests.Web;

/// <summary>What every page must pass, whatever it shows: axe-core, a 360 px phone, and a picture for a person to look at.</summary>
internal static class PageChecks
{
    /// <summary>axe-core's WCAG 2.x A and AA rules: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string state)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.That(serious, Is.Empty, $"axe-core on {state}");
    }

    public static async Task AssertNoSidewaysScrollAsync(IPage page, string state)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.That(scroll, Is.LessThanOrEqualTo(width), $"{state} scrolls sideways at {width} px");
    }

    /// <summary>Saves a full-page picture in the gallery (tests/SearchFirm.Browser.Tests/screenshots), named for the page and the device.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var device = (page.ViewportSize?.Width ?? 1280) <= 480 ? "phone" : "desktop";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Gallery(), $"{name}-{device}.png"), FullPage = true });
    }

    private static string Gallery()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SearchFirm.sln"))) directory = directory.Parent;
        var gallery = directory is null
            ? Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots")
            : Path.Combine(directory.FullName, "tests", "SearchFirm.Browser.Tests", "screenshots");
        Directory.CreateDirectory(gallery);
        return gallery;
    }

    /// <summary>Every check of a page in one state, at the desktop and on a phone.</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        await AssertAccessibleAsync(page, name);
        await ScreenshotAsync(page, name);
    }
}
