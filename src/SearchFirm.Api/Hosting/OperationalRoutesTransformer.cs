using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Adds the routes the document cannot see itself (health checks and the document's own address
/// are not API endpoints to ASP.NET Core's explorer), so that it describes every route the host answers.
/// </summary>
internal sealed class OperationalRoutesTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        document.Paths["/health/live"] = Get("getHealthLive", "Liveness: the process answers",
            ("200", "Healthy", "text/plain"));
        document.Paths["/health/ready"] = Get("getHealthReady", "Readiness: the database answers and every migration is applied",
            ("200", "Healthy", "text/plain"), ("503", "Unhealthy: the database does not answer or is not migrated", "text/plain"));
        document.Paths["/openapi/v1.json"] = Get("getOpenApiDocument", "This document",
            ("200", "The OpenAPI document", "application/json"));
        return Task.CompletedTask;
    }

    private static OpenApiPathItem Get(string operationId, string summary, params (string Status, string Description, string MediaType)[] responses)
    {
        // Anyone may call them: a load balancer, a monitor, a client generator.
        var operation = new OpenApiOperation { OperationId = operationId, Summary = summary, Responses = [], Security = [] };
        foreach (var (status, description, mediaType) in responses)
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [mediaType] = new() { Schema = new OpenApiSchema { Type = mediaType == "text/plain" ? JsonSchemaType.String : JsonSchemaType.Object } },
                },
            };
        }

        return new OpenApiPathItem { Operations = new() { [HttpMethod.Get] = operation } };
    }
}
