namespace SearchFirm.Features.Briefs;

/// <summary>Bound from <c>Briefs</c>; <c>Briefs__ChromiumPath</c> is the one operators usually set.</summary>
public sealed class BriefsOptions
{
    /// <summary>The browser that prints; empty means the first of chromium, chromium-browser, google-chrome on PATH.</summary>
    public string? ChromiumPath { get; set; }

    /// <summary>The firm's name on covers and footers.</summary>
    public string FirmName { get; set; } = "SearchFirm";

    /// <summary>Renders at once in this process; Chromium uses about a core per render.</summary>
    public int MaxConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The browser is restarted after this many renders, so that a slow leak cannot grow for ever.</summary>
    public int RestartAfterRenders { get; set; } = 200;

    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Renders tried before a brief is marked Failed (Hangfire retries in between).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a worker owns a brief it is rendering; after that another may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A brief still Requested after this long has lost its job (a restart with in-memory storage): the sweeper enqueues it again.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(2);
}
