using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SearchFirm.Features.Common;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// The one place where failures become HTTP answers (src/SearchFirm.Api/README.md lists the statuses). Anything
/// unexpected is a 500 that says nothing about the data; the details go to the log.
/// </summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException e => Validation(context, WithBodyErrors(context, e.Errors).GroupBy(f => f.PropertyName, StringComparer.Ordinal)
                .ToDictionary(g => string.IsNullOrEmpty(g.Key) ? "body" : g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray())),
            BadHttpRequestException e => BadRequest(context, e),
            NotFoundException e => Problems.Create(context, 404, "not-found", "Not found.", e.Message),
            UnauthorizedException e => Problems.Create(context, 401, "unauthorized", "Sign in to continue.", e.Message),
            ForbiddenException e => Problems.Create(context, 403, e.Code, "Not allowed.", e.Message),
            ConflictException e => WithExtensions(Problems.Create(context, 409, e.Code, "Conflict.", e.Message), e.Details),
            RuleViolationException e => Problems.Create(context, 422, e.Code, "Refused by a business rule.", e.Message),
            TooManyRequestsException e => TooMany(context, e),
            PayloadTooLargeException e => Problems.Create(context, 413, "too-large", "The upload is too large.", e.Message),
            UnsupportedContentException e => Problems.Create(context, 415, e.Code, "Unsupported file type.", e.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested) return true;
            Unexpected(exception.GetType().Name, context.Request.Method, context.Request.Path, exception);
            problem = Problems.Create(context, 500, "internal", "Something went wrong.", "The error was logged; nothing was changed.");
        }

        await Problems.WriteAsync(context, problem);
        return true;
    }

    private static ProblemDetails Validation(HttpContext context, IDictionary<string, string[]> errors)
    {
        var problem = new ValidationProblemDetails(errors)
        {
            Status = 400,
            Type = Problems.TypeFor("validation"),
            Title = "The request is not valid.",
            Detail = "See errors for each field.",
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = "validation";
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return problem;
    }

    /// <summary>
    /// A request whose body did not bind carries those errors too, even when what refused it was not the
    /// validation step (an endpoint that checks a member itself), so that the answer still names every error.
    /// </summary>
    private static IEnumerable<FluentValidation.Results.ValidationFailure> WithBodyErrors(HttpContext context, IEnumerable<FluentValidation.Results.ValidationFailure> failures)
    {
        var body = context.RequestServices.GetService<SearchFirm.Features.Pipeline.RequestBodyErrors>();
        if (body is null || body.Failures.Count == 0) return failures;
        return body.Failures.Concat(failures.Where(f => !body.Covers(f.PropertyName)));
    }

    /// <summary>Binding failures: malformed JSON, wrong types, unknown enum values, a route id that is no GUID, a body too large.</summary>
    private static ProblemDetails BadRequest(HttpContext context, BadHttpRequestException e)
    {
        if (e.StatusCode == 413)
            return Problems.Create(context, 413, RequestBodyLimit.Code, RequestBodyLimit.Title, "Send a smaller body.");
        if (e.StatusCode == 415)
            return Problems.Create(context, 415, "unsupported-media-type", "Unsupported content type.", "Send application/json.");

        // A syntax error is the body's fault, wherever the reader stopped: System.Text.Json wraps its reader's
        // own JsonException. Without one inside, the JSON was well formed and the value at Path was wrong.
        if (e.InnerException is JsonException { InnerException: JsonException } malformed)
        {
            return Validation(context, new Dictionary<string, string[]>
            {
                ["body"] = [$"The body is not valid JSON (line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine + 1})."],
            });
        }

        if (e.InnerException is JsonException json)
        {
            var field = FieldFromJsonPath(json.Path);
            var message = field == "body" ? "The body is not a JSON object of the expected shape." : $"'{field}' has a value of the wrong type or an unknown value.";
            return Validation(context, new Dictionary<string, string[]> { [field] = [message] });
        }

        var parameter = ParameterPattern().Match(e.Message);
        if (parameter.Success)
        {
            var name = parameter.Groups["name"].Value;
            var field = name is "id" or "userId" or "clientId" ? name : JsonNamingPolicy.CamelCase.ConvertName(name);
            var message = EnumOf(context, name) is { } names
                ? $"'{field}' must be one of: {string.Join(", ", names)}."
                : $"'{field}' is not valid: {Describe(parameter.Groups["type"].Value)}";
            return Validation(context, new Dictionary<string, string[]> { [field] = [message] });
        }

        return Validation(context, new Dictionary<string, string[]> { ["body"] = ["The request body is missing or malformed."] });
    }

    /// <summary>The names an enum parameter of the failed endpoint accepts (binding's message names the type, not its values).</summary>
    private static string[]? EnumOf(HttpContext context, string parameter)
    {
        var handler = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<MethodInfo>();
        var type = handler?.GetParameters().FirstOrDefault(p => p.Name == parameter)?.ParameterType;
        var underlying = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return underlying is { IsEnum: true } ? Enum.GetNames(underlying) : null;
    }

    // Binding names the CLR type ("Nullable<int>" for an optional query value): say it in words.
    private static string Describe(string type) => NullableType().Replace(type, "$1").ToLower(CultureInfo.InvariantCulture) switch
    {
        "guid" => "expected a GUID.",
        "int" or "int32" or "long" or "int64" => "expected a whole number.",
        "bool" or "boolean" => "expected true or false.",
        "datetimeoffset" or "datetime" or "dateonly" => "expected an ISO 8601 date.",
        var other => $"expected {other}.",
    };

    [GeneratedRegex("^Nullable<(.+)>$")]
    private static partial Regex NullableType();

    private static string FieldFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return string.Join('.', trimmed.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
    }

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        return problem;
    }

    private static ProblemDetails TooMany(HttpContext context, TooManyRequestsException e)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(context, 429, "rate-limited", "Too many attempts.", $"Try again in {seconds} seconds.");
    }

    // "Failed to bind parameter "Guid id" from "abc"." / "Required parameter "Guid id" was not provided ..."
    [GeneratedRegex("parameter \"(?<type>[\\w.?<>]+) (?<name>\\w+)\"")]
    private static partial Regex ParameterPattern();

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Method} {Path}")]
    private partial void Unexpected(string exceptionType, string method, string path, Exception exception);
}
