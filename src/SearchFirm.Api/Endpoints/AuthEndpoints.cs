using Mediator;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Users;

namespace SearchFirm.Api.Endpoints;

internal static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");

        auth.MapPost("/token", async (IssueToken request, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(request, ct)))
            .AllowAnonymous()
            .WithSummary("Exchange an e-mail and password for a bearer token")
            .WithProblems(StatusCodes.Status429TooManyRequests);

        auth.MapDelete("/token", async (HttpRequest http, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RevokeToken(http.BearerToken()!), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithSummary("Sign out: revoke the token this request carries")
            .WithProblems();

        app.MapGet("/api/me", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetMe(), ct)))
            .RequireAuthorization()
            .WithTags("Sign-in")
            .WithSummary("Who am I")
            .WithProblems();
    }
}
