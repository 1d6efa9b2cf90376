using Microsoft.AspNetCore.Mvc;

namespace SearchFirm.Api.Endpoints;

internal static class EndpointConventions
{
    /// <summary>Documents in OpenAPI the problem answers every signed-in route can give.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        builder.ProducesValidationProblem();
        builder.ProducesProblem(StatusCodes.Status401Unauthorized);
        foreach (var status in statuses)
            builder.ProducesProblem(status);
        return builder;
    }

    public static string? BearerToken(this HttpRequest request) => Hosting.BearerTokenAuthentication.TokenFrom(request);
}
