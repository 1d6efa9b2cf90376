using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SearchFirm.Features.Common;
using SearchFirm.Features.Documents;
using Microsoft.AspNetCore.Mvc;
using SearchFirm.Api.Hosting;
using SearchFirm.Features.Portal;

namespace SearchFirm.Api.Endpoints;

/// <summary>
/// The candidate portal: a candidate signs in with their one-time link and sees and changes only
/// what is theirs. Candidate sessions only (staff and board tokens get 401 here).
/// </summary>
internal static class PortalEndpoints
{
    public sealed record SessionBody(string? Token);

    public sealed record ErasureBody(bool? Confirm);

    public static void MapPortal(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/api/portal").WithTags("Candidate portal").RequireAuthorization(ServiceRegistration.CandidatePolicy);

        portal.MapPost("/sessions", async (SessionBody body, ISender sender, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await OpenAsync(body.Token, sender, context, ct)))
            .AllowAnonymous()
            .WithSummary("Exchange a one-time sign-in link for a portal session; 401 says why a link is refused")
            .WithProblems();

        portal.MapGet("/profile", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyProfile(), ct)))
            .WithSummary("My profile as I may keep it current: contact details, education, credentials, positions, committees (candidate)")
            .WithProblems();

        portal.MapPut("/profile", async (UpdateMyProfile body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .WithSummary("Replace my profile (expectedVersion; 409 when stale); the e-mail is changed by the search team (candidate)")
            .WithProblems(StatusCodes.Status409Conflict);

        portal.MapGet("/searches", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMySearches(), ct)))
            .WithSummary("Where I stand in each search: code name and description until the client is disclosed to me (candidate)")
            .WithProblems();

        portal.MapPost("/candidacies/{id}/withdrawal", async (Guid id, WithdrawFromSearch body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { CandidacyId = id }, ct)))
            .WithSummary("Withdraw from a search, with a reason code (candidate); 422 once appointed or closed")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        portal.MapGet("/consents", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMyConsents(), ct)))
            .WithSummary("My consent records, withdrawn ones included; give consent at POST /api/candidates/{id}/consents (candidate)")
            .WithProblems();

        portal.MapPost("/consents/{id}/withdrawal", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new WithdrawConsent { ConsentId = id }, ct)))
            .WithSummary("Withdraw one of my consents; it no longer counts from now on (candidate)")
            .WithProblems(StatusCodes.Status404NotFound);

        portal.MapPost("/erasure", async (ErasureBody body, ISender sender, HttpContext context, CancellationToken ct) =>
            {
                var receipt = await sender.Send(new ForgetMe(body.Confirm), ct);
                // The session is closed with the erasure; the browser need not keep its cookie either.
                SignInLinks.ClearCookie(context, CandidateSessionAuthentication.CandidateCookie);
                return TypedResults.Ok(receipt);
            })
            .WithSummary("Forget me: erase my personal data now and close this session; cannot be undone (candidate)")
            .WithProblems();

        // The portal's multi-file upload form (the page is GET /portal/documents).
        var limits = app.ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value;
        app.MapPost("/portal/documents/upload", async (HttpContext context, IOptions<DocumentOptions> options, IAntiforgery antiforgery, ISender sender,
                ICurrentCandidate candidate, CancellationToken ct) =>
            {
                if (!candidate.IsSignedIn)
                {
                    await WebPages.NotFoundAsync(context);
                    return Results.Empty;
                }
                try
                {
                    var outcomes = await PortalDocumentUploads.ReceiveAsync(context, options.Value, antiforgery, sender, candidate.CandidateId, ct);
                    return new RazorComponentResult<Web.Portal.DocumentsResult>(new { Outcomes = outcomes })
                    {
                        StatusCode = outcomes.Any(o => o.Stored) || outcomes.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
                    };
                }
                catch (AntiforgeryValidationException)
                {
                    await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "antiforgery", "The form has expired.", "Reload the page and send the files again.");
                    return Results.Empty;
                }
            })
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxRequestBytes * PortalDocumentUploads.MaxFiles))
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        // The link in the e-mail (SignInLinks).
        app.MapSignInLink<CandidatePortalSession, Web.Portal.SignInPage>("/portal", CandidateSessionAuthentication.CandidateCookie, async (token, sender, ct) =>
        {
            var session = await sender.Send(new OpenCandidateSession(token), ct);
            return (session, session.AccessToken, session.ExpiresAt);
        });
    }

    private static async Task<CandidatePortalSession> OpenAsync(string? token, ISender sender, HttpContext context, CancellationToken ct)
    {
        var session = await sender.Send(new OpenCandidateSession(token), ct);
        SignInLinks.SetCookie(context, CandidateSessionAuthentication.CandidateCookie, session.AccessToken, session.ExpiresAt);
        return session;
    }
}
