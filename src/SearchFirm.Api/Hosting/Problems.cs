using Microsoft.AspNetCore.Mvc;

namespace SearchFirm.Api.Hosting;

/// <summary>RFC 9457 problem details with a stable <c>type</c> and <c>code</c> that clients may branch on.</summary>
internal static class Problems
{
    public static string TypeFor(string code) => $"https://searchfirm.local/problems/{code}";

    public static ProblemDetails Create(HttpContext context, int status, string code, string title, string? detail)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Type = TypeFor(code),
            Title = title,
            Detail = detail,
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return problem;
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string title, string? detail) =>
        WriteAsync(context, Create(context, status, code, title, detail));

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? 500;
        await context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
    }
}
