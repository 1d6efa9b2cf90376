using Mediator;
using SearchFirm.Api.Hosting;
using SearchFirm.Features.Board;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Common;

namespace SearchFirm.Api.Endpoints;

internal static class BriefEndpoints
{
    public static void MapBriefs(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Briefs").RequireAuthorization();

        api.MapPost("/candidacies/{id}/briefs", async (Guid id, RequestCandidateBrief? body, ISender sender, CancellationToken ct) =>
            {
                var accepted = await sender.Send((body ?? new RequestCandidateBrief()) with { CandidacyId = id }, ct);
                return TypedResults.Accepted($"/api/briefs/{accepted.BriefId}", accepted);
            })
            .WithSummary("Request a board-ready brief about a candidate; rendered in the background (team). Audience Committee (default) needs consent")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/searches/{id}/shortlist-book", async (Guid id, RequestShortlistBook? body, ISender sender, CancellationToken ct) =>
            {
                var accepted = await sender.Send((body ?? new RequestShortlistBook()) with { SearchId = id }, ct);
                return TypedResults.Accepted($"/api/briefs/{accepted.BriefId}", accepted);
            })
            .WithSummary("Request the shortlist book: cover, comparison matrix and every presented candidate's brief (team)")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        // The team reads any brief of its searches; a committee member reads the committee briefs of
        // candidates presented to them, stamped with their name (the same as /api/board/briefs/{id}/pdf).
        var readers = app.MapGroup("/api/briefs").WithTags("Briefs").RequireAuthorization(ServiceRegistration.StaffOrBoardPolicy);

        readers.MapGet("/{id}", async (Guid id, ISender sender, ICurrentBoardMember member, CancellationToken ct) =>
                member.IsSignedIn
                    ? (IResult)TypedResults.Ok(await sender.Send(new GetBoardBrief(id), ct))
                    : TypedResults.Ok(await sender.Send(new GetBrief(id), ct)))
            .WithSummary("A brief's status: Requested, Rendering, Ready or Failed (with the error) (team); a presented candidate's Ready brief (committee member)")
            .Produces<BriefDetail>()
            .WithProblems(StatusCodes.Status404NotFound);

        readers.MapGet("/{id}/pdf", async (Guid id, ISender sender, ICurrentBoardMember member, CancellationToken ct) =>
            {
                var file = member.IsSignedIn ? await sender.Send(new GetBoardBriefPdf(id), ct) : await sender.Send(new GetBriefPdf(id), ct);
                return TypedResults.File(file.Content, "application/pdf", file.FileName);
            })
            .WithSummary("The brief's PDF once Ready (team; 422 brief-not-ready before); a committee member's copy is stamped with their name and the time")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/briefs/{id}/retry", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                var accepted = await sender.Send(new RetryBrief(id), ct);
                return TypedResults.Accepted($"/api/briefs/{accepted.BriefId}", accepted);
            })
            .WithSummary("Render a failed brief again (team); 422 brief-ready for a Ready one")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        api.MapPut("/candidacies/{id}/brief-notes", async (Guid id, WriteBriefNotes body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { CandidacyId = id }, ct)))
            .WithSummary("The recruiter's summary, areas to probe and references summary that briefs show (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        api.MapPut("/searches/{id}/brief-settings", async (Guid id, ChangeBriefSettings body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { SearchId = id }, ct)))
            .WithSummary("Whether briefs may name the client, and whom they are prepared for (lead partner, admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
    }
}
