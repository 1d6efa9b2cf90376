using Mediator;
using SearchFirm.Features.Users;

namespace SearchFirm.Api.Endpoints;

internal static class UserEndpoints
{
    public sealed record EnabledBody(bool? Enabled);

    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization();

        users.MapPost("/", async (CreateUser request, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(request, ct);
                return TypedResults.Created($"/api/users/{created.Id}", created);
            })
            .WithSummary("Add a member of staff (admin)")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        users.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListUsers(), ct)))
            .WithSummary("The firm's staff")
            .WithProblems();

        users.MapGet("/{id}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetUser(id), ct)))
            .WithSummary("One member of staff")
            .WithProblems(StatusCodes.Status404NotFound);

        users.MapPut("/{id}/enabled", async (Guid id, EnabledBody body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SetUserEnabled(id, body.Enabled), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Disable or re-enable an account (admin); a disabled account's tokens stop at once")
            .WithProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
    }
}
