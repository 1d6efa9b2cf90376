namespace SearchFirm.Features.Portal;

/// <summary>Bound from <c>Portal</c>: how long a candidate's sign-in links and sessions live, and where links point.</summary>
public sealed class PortalOptions
{
    /// <summary>A one-time sign-in link expires after this long; candidates answer more slowly than committees.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A portal session lasts this long; then the candidate asks the team for a new link.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The address candidates reach the product at; the sign-in link is {PublicBaseUrl}/portal/sign-in?token=….
    /// Unset: the address the server listens on (<see cref="Common.IPublicAddress"/>). Set it behind a proxy.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
