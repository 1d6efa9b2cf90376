using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchFirm.Api.Hosting;

/// <summary>Tells OpenAPI readers that routes take a bearer token from POST /api/auth/token.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SearchFirm API";
        document.Info.Description = "Retained executive search: CMO searches, pipeline, referral network, board-ready briefs.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token from POST /api/auth/token.",
        };
        return Task.CompletedTask;
    }
}
