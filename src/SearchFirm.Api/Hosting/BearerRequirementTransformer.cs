using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Says on each operation that it takes a staff bearer token, so that generated clients and the
/// API reference send one. Routes for board members or candidates only (cookie sessions from
/// their e-mailed links) and anonymous routes carry no requirement.
/// </summary>
internal sealed class BearerRequirementTransformer : IOpenApiOperationTransformer
{
    private static readonly HashSet<string> SessionOnlyPolicies = [ServiceRegistration.BoardPolicy, ServiceRegistration.CandidatePolicy];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0 || authorize.All(a => a.Policy is { } policy && SessionOnlyPolicies.Contains(policy))) return Task.CompletedTask;

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] });
        return Task.CompletedTask;
    }
}
