namespace SearchFirm.Features.Retention;

/// <summary>Bound from <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>Consent to processing lapses this long after it was given unless it is given again.</summary>
    public TimeSpan ConsentValidFor { get; set; } = TimeSpan.FromDays(730);

    /// <summary>How long after consent lapsed (or was withdrawn) the data is kept before it is erased.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many erasures a run, so that one run stays short; the next run goes on.</summary>
    public int BatchSize { get; set; } = 500;
}
