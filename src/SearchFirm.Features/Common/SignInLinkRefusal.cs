namespace SearchFirm.Features.Common;

/// <summary>
/// Why a one-time sign-in link (a board member's or a candidate's) is refused, in words that say
/// what to do next and reveal nothing of whose link it was.
/// </summary>
internal static class SignInLinkRefusal
{
    public static string Why(bool known, DateTimeOffset? usedAt, DateTimeOffset? revokedAt, DateTimeOffset expiresAt, DateTimeOffset now) => (known, usedAt, revokedAt) switch
    {
        (false, _, _) => "This sign-in link is not valid. Use the latest link the search team sent you, or ask them for a new one.",
        (_, not null, _) => "This sign-in link has already been used; each link works once. Ask the search team for a new one.",
        (_, _, not null) => "This sign-in link was replaced by a newer one. Use the latest link the search team sent you.",
        _ when expiresAt <= now => "This sign-in link has expired. Ask the search team for a new one.",
        _ => "This sign-in link cannot be used. Ask the search team for a new one.",
    };
}
