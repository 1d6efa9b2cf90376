using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using SearchFirm.Features.Pipeline;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Every error of a JSON body in one answer. System.Text.Json stops at the first value it cannot
/// read, so a wrong enum name would hide an empty name. When binding fails, the body is read again
/// member by member; each wrong or unknown member goes into <see cref="RequestBodyErrors"/> and the
/// endpoint runs again without them. The request then passes authorization and validation as any
/// other, and <see cref="ValidationBehaviour{TMessage, TResponse}"/> answers with the body's errors
/// and the validators' together; with body errors no handler ever runs.
/// </summary>
internal static class JsonBodyCheck
{
    public static IApplicationBuilder UseJsonBodyCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var bodyType = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bodyType is null || !context.Request.HasJsonContentType())
        {
            await next(context);
            return;
        }

        // In memory (a body is at most RequestBodyLimit): a candidate's profile never lands in a temp file.
        context.Request.EnableBuffering(bufferThreshold: (int)RequestBodyLimit.DefaultBytes);
        try
        {
            await next(context);
        }
        // Well-formed JSON (a syntax error has the reader's own exception inside) that does not fit the type.
        catch (BadHttpRequestException e) when (e.InnerException is JsonException { InnerException: not JsonException } && !context.Response.HasStarted)
        {
            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            context.Request.Body.Position = 0;
            var inspected = await JsonBodyInspector.InspectAsync(context.Request.Body, bodyType, options, context.RequestAborted);
            if (inspected is null) throw;

            var errors = context.RequestServices.GetRequiredService<RequestBodyErrors>();
            foreach (var (field, message) in inspected.Errors)
                errors.Add(field, message);
            if (inspected.Remainder is null)
                throw new FluentValidation.ValidationException(errors.Failures);

            var remainder = JsonSerializer.SerializeToUtf8Bytes(inspected.Remainder, options);
            context.Request.Body = new MemoryStream(remainder);
            context.Request.ContentLength = remainder.Length;
            await next(context);
        }
    });
}

/// <summary>Reads a JSON object member by member against the type it should bind to.</summary>
internal static class JsonBodyInspector
{
    /// <param name="Errors">Each member that does not fit, by its path (<c>education[1].year</c>), with what was expected.</param>
    /// <param name="Remainder">The body without those members, which binds; null when even that does not.</param>
    public sealed record Inspection(IReadOnlyList<(string Field, string Message)> Errors, JsonObject? Remainder);

    /// <returns>Null when the body is no JSON object, or nothing more precise than the binder's own error was found.</returns>
    public static async Task<Inspection?> InspectAsync(Stream body, Type type, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        JsonNode? parsed;
        try
        {
            var nodeOptions = new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive };
            parsed = await JsonNode.ParseAsync(body, nodeOptions, new JsonDocumentOptions { MaxDepth = options.MaxDepth }, cancellationToken);
        }
        catch (JsonException e)
        {
            // The binder may have stopped at an unknown member before the syntax error; the syntax error is what to fix.
            return new Inspection([("body", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).")], null);
        }

        try
        {
            if (parsed is not JsonObject root) return null;
            var info = options.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object) return null;

            var errors = new List<(string, string)>();
            InspectObject(root, info, "", options, errors);
            return errors.Count == 0 ? null : new Inspection(errors, Reads(root, type, options) ? root : null);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Duplicate keys and the like: the binder's own error stands.
            return null;
        }
    }

    /// <summary>Reports, and removes from <paramref name="members"/>, every member that is unknown or does not read.</summary>
    private static void InspectObject(JsonObject members, JsonTypeInfo info, string prefix, JsonSerializerOptions options, List<(string, string)> errors)
    {
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var disallowUnknown = (info.UnmappedMemberHandling ?? options.UnmappedMemberHandling) == JsonUnmappedMemberHandling.Disallow;
        foreach (var (name, value) in members.ToList())
        {
            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison));
            if (property is null)
            {
                if (!disallowUnknown) continue;
                errors.Add((prefix + name, $"'{prefix + name}' is not a member of this request; check its spelling (/openapi/v1.json lists the members)."));
                members.Remove(name);
            }
            else if (!Fits(value, property.PropertyType, prefix + property.Name, options, errors))
                members.Remove(name);
        }
    }

    /// <summary>True when <paramref name="value"/> reads as <paramref name="type"/>, once any member inside it that does not has been
    /// reported and removed; otherwise reports the most precise path it can.</summary>
    private static bool Fits(JsonNode? value, Type type, string field, JsonSerializerOptions options, List<(string, string)> errors)
    {
        if (Reads(value, type, options)) return true;

        var info = options.GetTypeInfo(type);
        var before = errors.Count;
        if (value is JsonObject members && info.Kind == JsonTypeInfoKind.Object)
            InspectObject(members, info, field + ".", options, errors);
        else if (value is JsonArray items && info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
        {
            // Items stay where they are, so that the validators' indexes still match the body's.
            for (var i = 0; i < items.Count; i++)
                Fits(items[i], element, $"{field}[{i}]", options, errors);
        }

        if (errors.Count == before) errors.Add((field, $"'{field}' {Expected(type, info.Kind)}"));
        return Reads(value, type, options);
    }

    private static bool Reads(JsonNode? value, Type type, JsonSerializerOptions options)
    {
        try
        {
            JsonSerializer.Deserialize(value, type, options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What a value of <paramref name="type"/> looks like, in the words of the JSON a client writes.</summary>
    private static string Expected(Type type, JsonTypeInfoKind kind)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum) return $"must be one of: {string.Join(", ", Enum.GetNames(underlying))}.";
        if (underlying == typeof(string)) return "must be a string.";
        if (underlying == typeof(Guid)) return "must be a GUID.";
        if (underlying == typeof(bool)) return "must be true or false.";
        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short)) return "must be a whole number.";
        if (underlying == typeof(decimal) || underlying == typeof(double) || underlying == typeof(float)) return "must be a number.";
        if (underlying == typeof(DateOnly)) return "must be a date (YYYY-MM-DD).";
        if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime)) return "must be an ISO 8601 date and time.";
        if (underlying == typeof(TimeSpan)) return "must be a duration (d.hh:mm:ss).";
        if (kind == JsonTypeInfoKind.Enumerable) return "must be an array.";
        return "must be a JSON object of the documented shape.";
    }
}
