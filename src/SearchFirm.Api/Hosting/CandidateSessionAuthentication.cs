using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SearchFirm.Features.Common;
using SearchFirm.Features.Portal;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// The candidates' own bearer scheme: sessions from POST /api/portal/sessions, looked up (hashed)
/// on every request. Portal routes take only this scheme, so staff and board tokens are refused
/// there; on the few staff routes open to "the candidate for their own" it stands beside the staff
/// scheme and stays silent for tokens that are not a candidate's.
/// </summary>
internal sealed class CandidateSessionAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : PortalSessionAuthentication(options, logger, encoder)
{
    public const string SchemeName = "Candidate";
    public const string Role = "Candidate";
    public const string CandidateCookie = Features.Portal.CandidateCookie.Name;

    protected override string CookieName => CandidateCookie;

    protected override string SignInHint =>
        "Portal routes need a candidate session: exchange the one-time link from your invitation at POST /api/portal/sessions.";

    protected override async Task<AuthenticateResult> AuthenticateAsync(string token)
    {
        if (!CandidateSessions.LooksLikeCandidateToken(token)) return AuthenticateResult.NoResult();
        var candidateId = await Context.RequestServices.GetRequiredService<CandidateSessions>().FindAsync(token, Context.RequestAborted);
        return candidateId is null
            ? AuthenticateResult.Fail("The candidate session is unknown or has expired.")
            : Success(new Claim(ClaimTypes.NameIdentifier, candidateId.Value.ToString()), new Claim(ClaimTypes.Role, Role));
    }
}

/// <summary>The candidate of this request, from the candidate scheme's claims; nobody on other routes.</summary>
internal sealed class HttpCurrentCandidate(IHttpContextAccessor accessor) : ICurrentCandidate
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity is { IsAuthenticated: true, AuthenticationType: CandidateSessionAuthentication.SchemeName }
        && Principal.IsInRole(CandidateSessionAuthentication.Role);

    public Guid CandidateId => IsSignedIn ? Guid.Parse(Principal!.FindFirstValue(ClaimTypes.NameIdentifier)!) : throw new UnauthorizedException();
}
