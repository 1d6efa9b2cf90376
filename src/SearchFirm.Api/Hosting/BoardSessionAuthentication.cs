using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SearchFirm.Features.Committees;
using SearchFirm.Features.Common;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// The board members' own bearer scheme: sessions from POST /api/board/sessions, looked up
/// (hashed) on every request. It answers only on board routes; staff tokens are refused there,
/// and the staff scheme refuses board sessions, so a principal is always one or the other.
/// </summary>
internal sealed class BoardSessionAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : PortalSessionAuthentication(options, logger, encoder)
{
    public const string SchemeName = "Board";
    public const string Role = "BoardMember";
    public const string SearchClaim = "search_id";
    public const string BoardCookie = Features.Committees.BoardCookie.Name;

    protected override string CookieName => BoardCookie;

    protected override string SignInHint =>
        "Board routes need a board session: exchange the one-time link from your invitation at POST /api/board/sessions.";

    protected override async Task<AuthenticateResult> AuthenticateAsync(string token)
    {
        if (!BoardSessions.LooksLikeBoardToken(token)) return AuthenticateResult.Fail("Board routes take a board member's session, not a staff token.");
        var member = await Context.RequestServices.GetRequiredService<BoardSessions>().FindAsync(token, Context.RequestAborted);
        return member is null
            ? AuthenticateResult.Fail("The board session is unknown or has expired.")
            : Success(
                new Claim(ClaimTypes.NameIdentifier, member.MemberId.ToString()),
                new Claim(ClaimTypes.Name, member.Name),
                new Claim(ClaimTypes.Email, member.Email),
                new Claim(ClaimTypes.Role, Role),
                new Claim(SearchClaim, member.SearchId.ToString()));
    }
}

/// <summary>The board member of this request, from the board scheme's claims; nobody on staff routes.</summary>
internal sealed class HttpCurrentBoardMember(IHttpContextAccessor accessor) : ICurrentBoardMember
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity is { IsAuthenticated: true, AuthenticationType: BoardSessionAuthentication.SchemeName }
        && Principal.IsInRole(BoardSessionAuthentication.Role);

    public Guid MemberId => IsSignedIn ? Guid.Parse(Principal!.FindFirstValue(ClaimTypes.NameIdentifier)!) : throw new UnauthorizedException();

    public Guid SearchId => IsSignedIn ? Guid.Parse(Principal!.FindFirstValue(BoardSessionAuthentication.SearchClaim)!) : throw new UnauthorizedException();

    public string Name => IsSignedIn ? Principal!.FindFirstValue(ClaimTypes.Name)! : throw new UnauthorizedException();
}
