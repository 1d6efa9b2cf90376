namespace SearchFirm.Api.Hosting;

/// <summary>
/// A state-changing request that a browser cookie authenticates must come from this site's own
/// pages: a cross-site form or script would otherwise act with the visitor's session (CSRF), or
/// sign a visitor in to someone else's session (login CSRF on the e-mailed links' forms). The
/// browser says where a request comes from (<c>Sec-Fetch-Site</c>, else <c>Origin</c>); either
/// naming another site is refused with 403. Requests with a bearer token are not a browser's
/// ambient authority and pass; a request with neither header is not from a modern browser's
/// page (the cookies are SameSite=Strict besides), and the pages' forms also carry antiforgery tokens.
/// </summary>
internal static class SameSiteRequests
{
    public static IApplicationBuilder UseSameSiteRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsProof(context.Request) && IsCrossSite(context.Request))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "cross-site-request", "Refused: the request came from another site.",
                "Changes made with a browser session must come from this site's own pages.");
            return;
        }
        await next(context);
    });

    private static bool NeedsProof(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return false;
        if (request.Headers.Authorization.Count > 0) return false;
        return SecurityHeaders.HasSessionCookie(request) || request.Path.Value?.EndsWith("/sign-in", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        return !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
