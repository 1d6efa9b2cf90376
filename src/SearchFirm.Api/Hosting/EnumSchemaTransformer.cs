using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Documents enums by their names. OpenAPI learns that from System.Text.Json's own enum converter
/// only; behind <see cref="EnumNameConverter"/> an enum would be documented as any value.
/// </summary>
internal sealed class EnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (!underlying.IsEnum) return Task.CompletedTask;

        // Names only, never null: one component serves the enum and its nullable form, and where a member
        // may be null ASP.NET Core already says so beside the reference (oneOf null or the enum). A null here
        // too would make the two choices overlap.
        schema.Type = JsonSchemaType.String;
        schema.Enum = Enum.GetNames(underlying).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        return Task.CompletedTask;
    }
}
