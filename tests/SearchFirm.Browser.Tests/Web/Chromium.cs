using Microsoft.Playwright;
using SearchFirm.Features.Briefs.Rendering;

namespace SearchFirm.Browser.Tests.Web;

/// <summary>
/// One system Chromium for every page test in the run (Playwright's own download is never used);
/// each test gets its own context, so cookies never cross between people.
/// </summary>
internal static class Chromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? playwright;
    private static IBrowser? browser;

    public static async Task<IBrowser> BrowserAsync()
    {
        Tools.RequireChromium();
        await Gate.WaitAsync();
        try
        {
            if (browser is { IsConnected: true }) return browser;
            playwright ??= await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("Briefs__ChromiumPath") is { Length: > 0 } configured ? configured : ChromiumPdfPrinter.FindOnPath(),
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
            });
            return browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A person at a desktop (1280 wide) or on a phone (360 wide, touch).</summary>
    public static async Task<IBrowserContext> ContextAsync(string baseUrl, bool phone = false, bool javaScript = true)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 780 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            JavaScriptEnabled = javaScript,
            Locale = "en-US",
            TimezoneId = "America/New_York",
        };
        return await (await BrowserAsync()).NewContextAsync(options);
    }

    public static async Task CloseAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        browser = null;
        playwright = null;
    }
}

[SetUpFixture]
public sealed class ChromiumLifetime
{
    [OneTimeTearDown]
    public Task CloseBrowser() => Chromium.CloseAsync();
}
