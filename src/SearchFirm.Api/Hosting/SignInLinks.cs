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
}
