using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// What the one-time links of the board and candidate portals share. A client that asks for HTML
/// (a browser, or a mail scanner acting like one) gets a page with a button, so that opening a link
/// never spends it; any other client (curl, an HTTP library) spends it at once. A session, however
/// opened, is also handed to the browser as a cookie: HttpOnly (no script reads it), SameSite=Strict
/// (no other site's page makes the browser send it), Secure over HTTPS, gone when the session is.
/// </summary>
internal static class SignInLinks
{
    public static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static void SetCookie(HttpContext context, string name, string token, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(name, token, CookieOptions(context, expiresAt));

    /// <summary>Tells the browser to drop a session cookie set by <see cref="SetCookie"/> (same path and flags, or it would not match).</summary>
    public static void ClearCookie(HttpContext context, string name) => context.Response.Cookies.Delete(name, CookieOptions(context, null));

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expiresAt,
    };

    /// <summary>
    /// GET and POST {face}/sign-in, the e-mailed link of a portal, for both portals alike. A browser
    /// gets <typeparamref name="TPage"/> (the button, or why the link was refused) and, once the
    /// link is spent, the face's home page; any other client gets the session as JSON.
    /// </summary>
    /// <param name="open">Spends the link (the face's request) and returns the session, its token and expiry.</param>
    public static void MapSignInLink<TSession, TPage>(this IEndpointRouteBuilder app, string face, string cookie,
        Func<string?, ISender, CancellationToken, Task<(TSession Session, string Token, DateTimeOffset ExpiresAt)>> open)
        where TPage : IComponent
    {
        async Task<TSession> OpenAsync(string? token, HttpContext context, ISender sender, CancellationToken ct)
        {
            var (session, value, expires) = await open(token, sender, ct);
            SetCookie(context, cookie, value, expires);
            return session;
        }

        app.MapGet($"{face}/sign-in", async (string? token, HttpContext context, ISender sender, CancellationToken ct) =>
                WantsHtml(context.Request)
                    ? (IResult)new RazorComponentResult<TPage>(new { Token = token })
                    : TypedResults.Ok(await OpenAsync(token, context, sender, ct)))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost($"{face}/sign-in", async ([FromForm(Name = "token")] string? token, HttpContext context, ISender sender, CancellationToken ct) =>
            {
                // Bound as a form: any other body is refused (415) before anything is read or spent.
                if (!WantsHtml(context.Request)) return (IResult)TypedResults.Ok(await OpenAsync(token, context, sender, ct));
                try
                {
                    await OpenAsync(token, context, sender, ct);
                    return TypedResults.Redirect(face);
                }
                catch (Exception e) when (e is Features.Common.UnauthorizedException or FluentValidation.ValidationException)
                {
                    var refusal = e is Features.Common.UnauthorizedException ? e.Message : "This sign-in link is not valid. Use the latest link the search team sent you.";
                    return new RazorComponentResult<TPage>(new { Refusal = refusal }) { StatusCode = StatusCodes.Status401Unauthorized };
                }
            })
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }
}
