namespace SearchFirm.Features.Committees;

/// <summary>Bound from <c>Board</c>: how long sign-in links and board sessions live, and where links point.</summary>
public sealed class BoardOptions
{
    /// <summary>A one-time sign-in link expires after this long.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>A board session lasts this long; then the member asks for a new link.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The address members reach the product at; the sign-in link is {PublicBaseUrl}/board/sign-in?token=….</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
}
