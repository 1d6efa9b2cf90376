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
        context.Response.Cookies.Append(name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            Expires = expiresAt,
        });
}
