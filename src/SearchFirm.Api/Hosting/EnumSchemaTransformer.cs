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

        var nullable = underlying != type;
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        var names = Enum.GetNames(underlying).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        // A null node is written as JSON null, as ASP.NET Core itself does for nullable enums.
        if (nullable) names.Add(null!);
        schema.Enum = names;
        return Task.CompletedTask;
    }
}
