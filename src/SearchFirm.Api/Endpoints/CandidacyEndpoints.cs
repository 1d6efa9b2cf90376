using Mediator;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Conflicts;
using SearchFirm.Features.OffLimits;

namespace SearchFirm.Api.Endpoints;

internal static class CandidacyEndpoints
{
    public sealed record AddCandidacyBody(Guid? CandidateId);

    public sealed record OffLimitsBody(Guid? ClientId, DateTimeOffset? Until, string? Reason);

    public static void MapCandidacies(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Pipeline").RequireAuthorization();

        api.MapPost("/searches/{id}/candidacies", async (Guid id, AddCandidacyBody body, ISender sender, CancellationToken ct) =>
            {
                var added = await sender.Send(new AddCandidacy(id, body.CandidateId), ct);
                return TypedResults.Created($"/api/candidacies/{added.Id}", added);
            })
            .WithSummary("Add a candidate to a search at Identified; reports conflicts (team)")
            .WithProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/candidacies/{id}/client-disclosure", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DiscloseClient { CandidacyId = id }, ct)))
            .WithSummary("Tell this candidate who the client is: their portal names it from now on instead of the code name (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        api.MapGet("/searches/{id}/pipeline", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPipelineBoard(id), ct)))
            .WithSummary("The pipeline board: every stage with its candidacies, days in stage and score (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        api.MapGet("/candidacies/{id}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCandidacy(id), ct)))
            .WithSummary("A candidacy: stage, version, history (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        api.MapPost("/candidacies/{id}/transitions", async (Guid id, TransitionCandidacy request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(request with { CandidacyId = id }, ct)))
            .WithSummary("Move a candidacy (expectedVersion; 409 stale; 422 when a pipeline rule refuses, with its code; 403 when a recruiter asks to override)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/candidacies/{id}/scorecard", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetScorecard(id), ct)))
            .WithSummary("Readiness scorecard against the search's specification (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        api.MapGet("/conflicts", async (Guid? candidateId, Guid? searchId, ISender sender, CancellationToken ct) =>
            {
                // The search decides who may ask, so it must be named before the team check runs.
                if (searchId is null)
                {
                    List<FluentValidation.Results.ValidationFailure> missing = [new("searchId", "'searchId' is required.")];
                    if (candidateId is null) missing.Add(new("candidateId", "'candidateId' is required."));
                    throw new FluentValidation.ValidationException(missing);
                }
                return TypedResults.Ok(await sender.Send(new CheckConflicts(searchId.Value, candidateId), ct));
            })
            .WithSummary("Is the candidate clear to approach for this search? Each reason in words (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        api.MapPost("/off-limits", async (OffLimitsBody body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new CreateOffLimitsRule(body.ClientId, body.Until, body.Reason), ct);
                return TypedResults.Created("/api/off-limits", created);
            })
            .WithSummary("Add a manual off-limits rule for a client (partner, admin)")
            .WithProblems(StatusCodes.Status403Forbidden);

        api.MapGet("/off-limits", async (bool? includeExpired, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListOffLimitsRules(includeExpired ?? false), ct)))
            .WithSummary("Manual off-limits rules (partner, admin)")
            .WithProblems(StatusCodes.Status403Forbidden);
    }
}
