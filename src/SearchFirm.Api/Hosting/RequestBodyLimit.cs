using Microsoft.AspNetCore.Http.Metadata;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// JSON bodies are small: 1 MB unless an endpoint declares its own limit (document uploads).
/// Kestrel enforces the limit while the body is read; this also refuses a declared Content-Length
/// up front, on any server (TestServer and IIS in-process ignore Kestrel's limits), in problem details.
/// </summary>
internal static class RequestBodyLimit
{
    public const long DefaultBytes = 1024 * 1024;
    public const string Code = "too-large";
    public const string Title = "The request body is too large.";

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Routing has run (WebApplication puts it first), so the endpoint's own limit is known; null means none.
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = metadata is null ? DefaultBytes : metadata.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Code, Title, $"Send at most {limit} bytes.");
            return;
        }

        await next(context);
    });
}
