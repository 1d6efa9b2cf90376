using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace SearchFirm.Features.Briefs.Rendering;

/// <summary>The running header and footer Chromium repeats on every page, as HTML templates.</summary>
public sealed record PageFrame(string HeaderTemplate, string FooterTemplate);

public interface IPdfPrinter
{
    Task<byte[]> PrintAsync(string html, PageFrame frame, CancellationToken cancellationToken);
}

/// <summary>Chromium is not installed where it was looked for; the message says how to fix it.</summary>
public sealed class BrowserNotFoundException(string message) : Exception(message);

/// <summary>
/// Prints HTML to PDF with the system's Chromium through Playwright. One browser per process,
/// started on first use; a fresh context (no cookies, no cache, no JavaScript, offline) per
/// document, opened ahead of time; at most <see cref="BriefsOptions.MaxConcurrency"/> documents at once; the browser is
/// replaced after <see cref="BriefsOptions.RestartAfterRenders"/> documents or when it dies.
/// Playwright's own browser download is never used: the executable is always the system's.
/// </summary>
public sealed partial class ChromiumPdfPrinter : IPdfPrinter, IAsyncDisposable
{
    internal static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private static readonly string[] BrowserNames = ["chromium", "chromium-browser", "google-chrome"];

    private readonly BriefsOptions options;
    private readonly ILogger<ChromiumPdfPrinter> logger;
    private readonly SemaphoreSlim slots;
    private readonly SemaphoreSlim starting = new(1, 1);
    private readonly Lock gate = new();
    private IPlaywright? playwright;
    private Instance? current;
    private bool disposed;

    private readonly IPrinterWarmUp? warmUp;

    /// <summary>How long a worker must have been idle before its waiting context is warmed.</summary>
    internal static readonly TimeSpan IdleBeforeWarmUp = TimeSpan.FromMilliseconds(250);

    public ChromiumPdfPrinter(IOptions<BriefsOptions> options, ILogger<ChromiumPdfPrinter> logger, IPrinterWarmUp? warmUp = null)
    {
        this.options = options.Value;
        this.logger = logger;
        this.warmUp = warmUp;
        slots = new SemaphoreSlim(Math.Max(1, this.options.MaxConcurrency));
    }

    /// <summary>How many browsers this printer has started; for tests and the benchmark.</summary>
    public int BrowsersStarted { get; private set; }

    /// <summary>How many waiting contexts an idle moment warmed; for tests and the benchmark.</summary>
    public int WarmUps => warmUps;

    private int warmUps;

    public async Task<byte[]> PrintAsync(string html, PageFrame frame, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        Instance? instance = null;
        try
        {
            instance = await AcquireAsync(cancellationToken);
            var fresh = await TakeFreshAsync(instance);
            await using var context = fresh.Context;
            var page = fresh.Page;
            await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = Timeout });
            return await page.PdfAsync(PdfOptions(frame));
        }
        catch (PlaywrightException) when (instance is not null && !instance.Browser.IsConnected)
        {
            BrowserDied(logger);
            throw;
        }
        finally
        {
            if (instance is not null) await ReleaseAsync(instance);
            slots.Release();
        }
    }

    private float Timeout => (float)options.RenderTimeout.TotalMilliseconds;

    /// <summary>
    /// A context and page that no document has used. Opening a page costs Chromium a renderer
    /// process, so each document takes the spare that was opened while the previous one printed,
    /// and opens the next. A spare is warmed with a specimen print only once the worker has been
    /// idle (IPrinterWarmUp): warming every spare cost throughput under load (RESULTS.md, Briefs).
    /// </summary>
    private async Task<Fresh> TakeFreshAsync(Instance instance)
    {
        Task<Fresh>? spare;
        lock (gate)
        {
            spare = instance.Spare;
            instance.Spare = null;
        }

        Fresh fresh;
        try
        {
            fresh = spare is not null ? await spare : await OpenFreshAsync(instance.Browser);
        }
        catch (PlaywrightException) when (spare is not null && instance.Browser.IsConnected)
        {
            fresh = await OpenFreshAsync(instance.Browser);
        }

        lock (gate)
        {
            if (!instance.Retired && instance.Spare is null)
            {
                instance.Spare = OpenFreshAsync(instance.Browser);
                // A spare that fails (the browser closing) is simply not used; nothing waits on it.
                instance.Spare.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }

        return fresh;
    }

    private async Task<Fresh> OpenFreshAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            Offline = true,
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        return new Fresh(context, page);
    }

    private sealed record Fresh(IBrowserContext Context, IPage Page);

    /// <summary>A4 with room for the running header and footer; tagged, with an outline of the headings.</summary>
    internal static PagePdfOptions PdfOptions(PageFrame frame) => new()
    {
        Format = "A4",
        PrintBackground = true,
        DisplayHeaderFooter = true,
        HeaderTemplate = frame.HeaderTemplate,
        FooterTemplate = frame.FooterTemplate,
        Margin = new Margin { Top = "24mm", Bottom = "20mm", Left = "19mm", Right = "19mm" },
        Outline = true,
        Tagged = true,
    };

    private async Task<Instance> AcquireAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (current is { Retired: false } live && live.Browser.IsConnected)
                return live.Enter(options.RestartAfterRenders);
        }

        await starting.WaitAsync(cancellationToken);
        try
        {
            lock (gate)
            {
                if (current is { Retired: false } live && live.Browser.IsConnected)
                    return live.Enter(options.RestartAfterRenders);
            }

            ObjectDisposedException.ThrowIf(disposed, this);
            var path = ResolveExecutable(options.ChromiumPath);
            playwright ??= await Playwright.CreateAsync();
            var started = Stopwatch.GetTimestamp();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = LaunchArgs,
                Timeout = Timeout,
            });
            var instance = new Instance(browser);
            browser.Disconnected += (_, _) => instance.Retired = true;
            BrowsersStarted++;
            BrowserStarted(logger, path, browser.Version, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Instance? previous;
            lock (gate)
            {
                previous = current;
                current = instance;
                if (previous is not null) previous.Retired = true;
            }

            if (previous is { InFlight: 0 }) await CloseQuietlyAsync(previous);
            lock (gate) return instance.Enter(options.RestartAfterRenders);
        }
        finally
        {
            starting.Release();
        }
    }

    private async Task ReleaseAsync(Instance instance)
    {
        bool close;
        Task<Fresh>? idleSpare = null;
        lock (gate)
        {
            instance.InFlight--;
            close = instance.Retired && instance.InFlight == 0 && !instance.Closed;
            if (close) instance.Closed = true;
            else if (instance.InFlight == 0 && warmUp is not null) idleSpare = instance.Spare;
        }

        if (close) await CloseQuietlyAsync(instance);
        if (idleSpare is not null) _ = WarmWhenIdleAsync(instance, idleSpare);
    }

    /// <summary>
    /// A new renderer lays out and prints its first document slowly (every cache cold): on this
    /// machine a brief took ~590 ms in a fresh context against 150 ms in a used one. Once the worker
    /// has been idle a moment, the waiting context prints the fictional specimen brief, unseen, so
    /// that the next real brief finds it warm (~380 ms). Under load the spare is taken at once and
    /// never warmed: the extra printing would halve the throughput.
    /// </summary>
    private async Task WarmWhenIdleAsync(Instance instance, Task<Fresh> spare)
    {
        await Task.Delay(IdleBeforeWarmUp);
        var warmed = new TaskCompletionSource<Fresh>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            // Someone took it, or the browser is going: nothing to warm.
            if (instance.Spare != spare || instance.InFlight > 0 || instance.Retired) return;
            instance.Spare = warmed.Task;
            // As for any spare: one that fails is simply not used.
            warmed.Task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        try
        {
            var fresh = await spare;
            try
            {
                var (html, frame) = await warmUp!.DocumentAsync();
                await fresh.Page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = Timeout });
                await fresh.Page.PdfAsync(PdfOptions(frame));
                Interlocked.Increment(ref warmUps);
            }
            catch (PlaywrightException e)
            {
                // A context that could not print the specimen may still print the brief; if the
                // browser is gone, the brief's own attempt finds out and starts a new one.
                WarmUpFailed(logger, e.GetType().Name);
            }

            warmed.SetResult(fresh);
        }
        catch (Exception e)
        {
            warmed.SetException(e);
        }
    }

    private async Task CloseQuietlyAsync(Instance instance)
    {
        try
        {
            await instance.Browser.CloseAsync();
        }
        catch (PlaywrightException e)
        {
            CloseFailed(logger, e.GetType().Name);
        }
    }

    /// <summary><c>Briefs:ChromiumPath</c> when set, else the first of chromium, chromium-browser, google-chrome on PATH.</summary>
    public static string ResolveExecutable(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new BrowserNotFoundException($"Briefs:ChromiumPath points at {configured}, which does not exist.");
        }

        return FindOnPath() ?? throw new BrowserNotFoundException(
            "Chromium was not found on PATH (chromium, chromium-browser, google-chrome). Install it (Debian: apt-get install chromium) or set Briefs__ChromiumPath.");
    }

    /// <summary>The first browser on PATH, or null.</summary>
    public static string? FindOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in BrowserNames)
        {
            foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        Instance? last;
        lock (gate)
        {
            disposed = true;
            last = current;
            current = null;
        }

        if (last is not null) await CloseQuietlyAsync(last);
        playwright?.Dispose();
        slots.Dispose();
        starting.Dispose();
    }

    private sealed class Instance(IBrowser browser)
    {
        public IBrowser Browser { get; } = browser;
        public int Renders { get; private set; }
        public int InFlight { get; set; }
        public bool Retired { get; set; }
        public bool Closed { get; set; }
        public Task<Fresh>? Spare { get; set; }

        /// <summary>Counts a render in; the one that reaches the limit retires the browser for those after it.</summary>
        public Instance Enter(int restartAfter)
        {
            InFlight++;
            Renders++;
            if (restartAfter > 0 && Renders >= restartAfter) Retired = true;
            return this;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Path} ({Version}) for briefs in {ElapsedMs:0} ms")]
    private static partial void BrowserStarted(ILogger logger, string path, string version, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The browser printing briefs died; the next brief starts a new one")]
    private static partial void BrowserDied(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Warming an idle browser context failed ({ExceptionType})")]
    private static partial void WarmUpFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing a retired browser failed ({ExceptionType})")]
    private static partial void CloseFailed(ILogger logger, string exceptionType);
}
