using Mediator;
using SearchFirm.Features.Clients;

namespace SearchFirm.Api.Endpoints;

internal static class ClientEndpoints
{
    public static void MapClients(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization();

        clients.MapPost("/", async (CreateClient request, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(request, ct);
                return TypedResults.Created($"/api/clients/{created.Id}", created);
            })
            .WithSummary("Add a client organisation (names need not be unique: hospitals share them)")
            .WithProblems();

        clients.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListClients(), ct)))
            .WithSummary("All clients")
            .WithProblems();

        clients.MapGet("/{id}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetClient(id), ct)))
            .WithSummary("One client")
            .WithProblems(StatusCodes.Status404NotFound);
    }
}
