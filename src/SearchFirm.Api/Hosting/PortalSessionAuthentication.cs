using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// What the board's and the candidates' session schemes share: the session comes as a bearer token
/// (API clients) or in the portal's cookie (browsers), and on routes open to staff as well only one
/// scheme answers a missing or refused sign-in (the first to write the problem; the others stay silent).
/// </summary>
internal abstract class PortalSessionAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected abstract string CookieName { get; }

    /// <summary>How to get a session, for the 401.</summary>
    protected abstract string SignInHint { get; }

    /// <summary>The principal of this session token, a failure, or no result when the token is not this scheme's.</summary>
    protected abstract Task<AuthenticateResult> AuthenticateAsync(string token);

    protected AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerTokenAuthentication.TokenFrom(Request) ?? Request.Cookies[CookieName];
        return string.IsNullOrEmpty(token) ? Task.FromResult(AuthenticateResult.NoResult()) : AuthenticateAsync(token);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Response.HasStarted) return Task.CompletedTask;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "unauthorized", "Sign in to continue.", SignInHint);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Response.HasStarted ? Task.CompletedTask :
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "Not allowed.", "You are not allowed to do this.");
}
