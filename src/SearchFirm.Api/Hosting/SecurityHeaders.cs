using SearchFirm.Features.Committees;
using SearchFirm.Features.Portal;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// One header policy for the whole host, decided when a response starts from what it is:
/// every response is <c>nosniff</c>; every HTML page carries a CSP without inline script,
/// <c>frame-ancestors 'none'</c> and <c>Referrer-Policy: no-referrer</c> (sign-in links live in
/// URLs); every file download is sandboxed; and anything answered to a signed-in caller, every
/// page and every download is <c>no-store</c>, so that no cache on the way keeps confidential data.
/// The pages' own static files (styles, fonts, scripts) stay cacheable.
/// </summary>
internal static class SecurityHeaders
{
    public const string PageCsp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public const string DownloadCsp = "default-src 'none'; sandbox";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            Apply(context);
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (IsStaticFile(context.Request.Path)) return;

        var type = context.Response.ContentType ?? "";
        var download = headers.ContentDisposition.ToString().StartsWith("attachment", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/pdf", StringComparison.OrdinalIgnoreCase);
        if (HasOwnPages(context.Request.Path))
        {
            // Hangfire's dashboard and the API reference script their pages inline; they are admin or Development only.
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
        }
        else if (type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = PageCsp;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
        }
        else if (download)
        {
            headers.ContentSecurityPolicy = DownloadCsp;
            headers.CacheControl = "no-store";
        }
        else if (SignedIn(context.Request))
        {
            headers.CacheControl = "no-store";
        }
    }

    private static bool HasOwnPages(PathString path) => path.StartsWithSegments("/hangfire") || path.StartsWithSegments("/api-reference");

    private static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework");

    /// <summary>A caller with a bearer token or any session cookie: what they are answered is theirs alone.</summary>
    internal static bool SignedIn(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || HasSessionCookie(request);

    internal static bool HasSessionCookie(HttpRequest request) =>
        request.Cookies.ContainsKey(BoardCookie.Name) || request.Cookies.ContainsKey(CandidateCookie.Name);
}
