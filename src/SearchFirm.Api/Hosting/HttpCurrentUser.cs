using System.Security.Claims;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Api.Hosting;

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    // Only the staff scheme signs in staff: a candidate's or board member's principal is not a user.
    public bool IsAuthenticated => Principal?.Identity is { IsAuthenticated: true, AuthenticationType: not CandidateSessionAuthentication.SchemeName };

    public Guid Id => Guid.Parse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new UnauthorizedException());

    public Role? Role => Enum.TryParse<Role>(Principal?.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
