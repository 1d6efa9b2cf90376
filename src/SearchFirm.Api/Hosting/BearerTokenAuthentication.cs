using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SearchFirm.Features.Auth;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Opaque bearer tokens from POST /api/auth/token, looked up on every request (hashed), so that
/// revocation and disabling an account take effect at once. 401 and 403 answer in problem details.
/// </summary>
internal sealed class BearerTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    public static string? TokenFrom(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenFrom(Request);
        if (string.IsNullOrEmpty(token)) return AuthenticateResult.NoResult();
        if (Features.Committees.BoardSessions.LooksLikeBoardToken(token))
            return AuthenticateResult.Fail("A board member's session is not accepted on staff routes.");
        // A candidate's session is the candidate scheme's to judge (it opens a few staff routes for their own data).
        if (Features.Portal.CandidateSessions.LooksLikeCandidateToken(token))
            return AuthenticateResult.NoResult();

        var user = await Context.RequestServices.GetRequiredService<AccessTokens>().FindAsync(token, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The token is unknown, expired or revoked.");

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(ClaimTypes.Role, user.Role.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "unauthorized", "Sign in to continue.",
            "Send a bearer token from POST /api/auth/token that is valid, unexpired and not revoked.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "Not allowed.", "You are not allowed to do this.");
}
