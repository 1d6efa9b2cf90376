using Mediator;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Portal;

namespace SearchFirm.Api.Endpoints;

internal static class CandidateEndpoints
{
    public static void MapCandidates(this IEndpointRouteBuilder app)
    {
        var candidates = app.MapGroup("/api/candidates").WithTags("Candidates").RequireAuthorization();

        candidates.MapPost("/", async (CreateCandidate request, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(request, ct);
                return TypedResults.Created($"/api/candidates/{created.Id}", created);
            })
            .WithSummary("Add a candidate; a second with the same e-mail is a 409 pointing at the first")
            .WithProblems(StatusCodes.Status409Conflict);

        candidates.MapGet("/", async (string? q, string? credential, RoleLevel? roleLevel, string? employer, int? minClinicalYears,
                int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SearchCandidates(q, credential, roleLevel, employer, minClinicalYears, page ?? 1, pageSize ?? 20), ct)))
            .WithSummary("Keyword search with filters (credential, role level, current employer, years of clinical practice), paged")
            .WithProblems();

        candidates.MapGet("/{id}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCandidate(id), ct)))
            .WithSummary("A candidate's profile; candidacies only in searches the caller is on")
            .WithProblems(StatusCodes.Status404NotFound);

        candidates.MapPut("/{id}", async (Guid id, UpdateCandidate request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(request with { CandidateId = id }, ct)))
            .WithSummary("Replace a candidate's profile (expectedVersion; 409 when stale)")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    
        candidates.MapPost("/{id}/invitations", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                var invited = await sender.Send(new InviteCandidate { CandidateId = id }, ct);
                // No route reads one alone: no Location rather than one that answers 404.
                return TypedResults.Created((string?)null, invited);
            })
            .WithSummary("Invite the candidate to the portal: a one-time, expiring sign-in link by e-mail; unused earlier links stop working (team of a search they are in, admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        candidates.MapPost("/{id}/erasure", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new EraseCandidate(id), ct)))
            .WithSummary("Erase the candidate's personal data for good; the audit trail keeps a tombstone (admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
    }
}
