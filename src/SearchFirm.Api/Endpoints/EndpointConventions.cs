using Microsoft.AspNetCore.Http.Metadata;
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
        // A route that reads a body can refuse it as too large or not JSON. Whether it reads one is known only
        // once the handler's parameters are inferred, hence Finally.
        builder.Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<IAcceptsMetadata>().Any()) return;
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails), ["application/problem+json"]));
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails), ["application/problem+json"]));
        });
        return builder;
    }

    public static string? BearerToken(this HttpRequest request) => Hosting.BearerTokenAuthentication.TokenFrom(request);
}
