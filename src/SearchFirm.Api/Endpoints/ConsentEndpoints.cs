using Mediator;
using SearchFirm.Features.Common;
using SearchFirm.Features.Consents;

namespace SearchFirm.Api.Endpoints;

internal static class ConsentEndpoints
{
    public static void MapConsents(this IEndpointRouteBuilder app)
    {
        var consents = app.MapGroup("/api/candidates/{id}/consents").WithTags("Consents").RequireAuthorization();

        consents.MapPost("/", async (Guid id, RecordConsent request, ISender sender, ICurrentCandidate candidate, CancellationToken ct) =>
            {
                var consent = await sender.Send(request with { CandidateId = id }, ct);
                // Where the caller reads it back: the candidate in their portal, staff on the candidate.
                return TypedResults.Created(candidate.IsSignedIn ? "/api/portal/consents" : $"/api/candidates/{id}/consents", consent);
            })
            // The candidate gives their own too; the mediator checks it is theirs.
            .RequireAuthorization(Hosting.ServiceRegistration.StaffOrCandidatePolicy)
            .WithSummary("Record a candidate's consent: Processing, or PresentToClient for one search (team, or the candidate for a search they are in); time and source kept")
            .WithProblems(StatusCodes.Status404NotFound);

        consents.MapGet("/", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCandidateConsents(id), ct)))
            .WithSummary("A candidate's consent records, newest first; consents for searches the caller is not on are left out")
            .WithProblems(StatusCodes.Status404NotFound);
    }
}
