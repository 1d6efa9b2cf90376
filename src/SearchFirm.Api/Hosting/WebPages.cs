using Microsoft.AspNetCore.Authentication;
using SearchFirm.Web;
using SearchFirm.Web.Shared;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// The pages (SearchFirm.Web) in this host: Razor components rendered on the server, their static
/// files, and which session each face answers to.
/// </summary>
internal static class WebPages
{
    public static IServiceCollection AddSearchFirmWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents();
        services.Configure<WebOptions>(configuration.GetSection("Web"));
        services.AddSingleton<FirmIdentity>();
        return services;
    }

    /// <summary>
    /// Each face trusts its own session only: on /board pages the board member's cookie is the
    /// request's user (on /portal pages the candidate's), whatever staff or candidate session the browser also carries, so that a
    /// board page never sees a staff principal (and the reverse).
    /// </summary>
    public static IApplicationBuilder UseFaceSessions(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsFace(context.Request.Path, "/board"))
            context.User = await SessionOf(context, BoardSessionAuthentication.SchemeName);
        else if (IsFace(context.Request.Path, "/portal"))
            context.User = await SessionOf(context, CandidateSessionAuthentication.SchemeName);
        await next(context);
    });

    public static void MapSearchFirmPages(this WebApplication app)
    {
        // Pages and their files are not API: the OpenAPI document lists only the HTTP contract.
        app.MapStaticAssets().ExcludeFromDescription();
        app.MapRazorComponents<App>().ExcludeFromDescription();
    }

    /// <summary>A browser asking for a page (not the API, not a file): it reads HTML, not problem details.</summary>
    public static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && SignInLinks.WantsHtml(request);

    public static Task NotFoundAsync(HttpContext context) =>
        new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<SearchFirm.Web.Shared.NotFoundDocument> { StatusCode = StatusCodes.Status404NotFound }
            .ExecuteAsync(context);

    private static bool IsFace(PathString path, string face) => path.StartsWithSegments(face, StringComparison.OrdinalIgnoreCase);

    private static async Task<System.Security.Claims.ClaimsPrincipal> SessionOf(HttpContext context, string scheme)
    {
        var result = await context.AuthenticateAsync(scheme);
        return result.Succeeded ? result.Principal : new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
    }
}
