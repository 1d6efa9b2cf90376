namespace SearchFirm.Features.Digests;

/// <summary>Bound from <c>Digest</c>.</summary>
public sealed class DigestOptions
{
    /// <summary>A candidacy counts as stale after this long in one active stage.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The hour (UTC) the daily digest goes out.</summary>
    public int HourUtc { get; set; } = 7;
}
