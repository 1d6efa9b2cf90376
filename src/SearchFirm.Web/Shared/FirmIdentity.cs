using Microsoft.Extensions.Options;
using SearchFirm.Features.Briefs;

namespace SearchFirm.Web.Shared;

/// <summary>The firm's name as the briefs print it, and the time zone its pages speak in.</summary>
public sealed class FirmIdentity(IOptions<BriefsOptions> briefs, IOptions<WebOptions> web)
{
    public string Name => briefs.Value.FirmName;

    public TimeZoneInfo TimeZone { get; } = FindZone(web.Value.TimeZone);

    private static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>Settings of the pages (section "Web").</summary>
public sealed class WebOptions
{
    /// <summary>
    /// Where the firm's readers are: dates and times on the pages are shown in this zone (an IANA id),
    /// with its abbreviation, until a reader's own zone is known.
    /// </summary>
    public string TimeZone { get; set; } = "America/New_York";
}
