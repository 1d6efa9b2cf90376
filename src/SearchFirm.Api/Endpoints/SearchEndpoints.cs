using Mediator;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Searches;

namespace SearchFirm.Api.Endpoints;

internal static class SearchEndpoints
{
    public sealed record SpecificationBody(IReadOnlyList<CriterionInput>? Criteria);

    public sealed record StatusBody(SearchStatus? Status, int? ExpectedVersion);

    public static void MapSearches(this IEndpointRouteBuilder app)
    {
        var searches = app.MapGroup("/api/searches").WithTags("Searches").RequireAuthorization();

        searches.MapPost("/", async (CreateSearch request, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(request, ct);
                return TypedResults.Created($"/api/searches/{created.Id}", created);
            })
            .WithSummary("Open a search (partner, admin); the creator leads it")
            .WithProblems(StatusCodes.Status403Forbidden);

        searches.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListSearches(), ct)))
            .WithSummary("The searches the caller is staffed on")
            .WithProblems();

        searches.MapGet("/{id}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetSearch(id), ct)))
            .WithSummary("One search with its specification and team (team only)")
            .WithProblems(StatusCodes.Status404NotFound);

        searches.MapPut("/{id}/team/{userId}", async (Guid id, Guid userId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new AddTeamMember(id, userId), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Put a colleague on the team (lead partner, admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        searches.MapDelete("/{id}/team/{userId}", async (Guid id, Guid userId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RemoveTeamMember(id, userId), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Take a colleague off the team (lead partner, admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        searches.MapPut("/{id}/specification", async (Guid id, SpecificationBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReplaceSpecification(id, body.Criteria), ct)))
            .WithSummary("Replace the role specification (team)")
            .WithProblems(StatusCodes.Status404NotFound);

        searches.MapPost("/{id}/status", async (Guid id, StatusBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangeSearchStatus(id, body.Status, body.ExpectedVersion), ct)))
            .WithSummary("Open, hold or cancel a search (lead partner, admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
    }
}
