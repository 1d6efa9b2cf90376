using SearchFirm.Domain.Users;

namespace SearchFirm.Features.Common;

/// <summary>Who is asking. The host fills it from the authenticated principal.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The staff user's id; throws when nobody is signed in.</summary>
    Guid Id { get; }

    Role? Role { get; }

    string? IpAddress { get; }

    bool IsAdmin => Role == Domain.Users.Role.Admin;
}
