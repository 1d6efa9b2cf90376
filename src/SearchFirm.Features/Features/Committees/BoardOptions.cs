namespace SearchFirm.Features.Committees;

/// <summary>Bound from <c>Board</c>: how long sign-in links and board sessions live, and where links point.</summary>
public sealed class BoardOptions
{
    /// <summary>A one-time sign-in link expires after this long.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>A board session lasts this long; then the member asks for a new link.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The address members reach the product at; the sign-in link is {PublicBaseUrl}/board/sign-in?token=….
    /// Unset: the address the server listens on (<see cref="Common.IPublicAddress"/>). Set it behind a proxy.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
