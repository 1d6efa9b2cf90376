using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Scalar.AspNetCore;
using SearchFirm.Api.Endpoints;
using SearchFirm.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
// Request lines carry query strings, and e-mailed sign-in links carry one-time tokens there: never
// at Information, even when appsettings.json is not found (started from another directory).
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
builder.Services.AddSearchFirm(builder.Configuration);
// The pages belong to the web host only: slice tests and jobs build the services without them.
builder.Services.AddSearchFirmWeb(builder.Configuration);
// The pages' stylesheet, fonts and scripts from SearchFirm.Web, also when not started from published output.
builder.WebHost.UseStaticWebAssets();
// JSON bodies are small; document uploads raise their own limit per endpoint.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBodyLimit.DefaultBytes);

var app = builder.Build();

if (args.Contains("migrate"))
    return await Startup.MigrateAsync(app.Services);

Startup.EnsureDataDirectoryPrivate(app.Services, app.Configuration);
Startup.EnsureDocumentsOutsideWebRoot(app.Services, app.Environment);
await Startup.PrepareDatabaseAsync(app.Services, app.Configuration);

// Behind a reverse proxy on this host (deploy/nginx): the client's address and scheme from its
// X-Forwarded-* headers, for the audit trail and rate limits. Only loopback proxies are believed
// (the middleware's default), so a client cannot forge its address by sending the headers itself.
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages(async context =>
{
    // Routes that do not exist, or wrong methods, still answer in problem details.
    var status = context.HttpContext.Response.StatusCode;
    // A person's browser gets the friendly page, the same for every face and every path.
    if (status == 404 && WebPages.WantsPage(context.HttpContext.Request))
    {
        await WebPages.NotFoundAsync(context.HttpContext);
        return;
    }
    var (code, title, detail) = status switch
    {
        404 => ("not-found", "Not found.", null),
        // Kestrel refusing a chunked body over the limit mid-read: the same answer as RequestBodyLimit's.
        413 => (RequestBodyLimit.Code, RequestBodyLimit.Title, null),
        // Minimal APIs and routing answer a body of a type the route does not take with a bare 415.
        415 => ("unsupported-media-type", "Unsupported content type.", "Send the content type this route accepts (see /openapi/v1.json)."),
        _ => ("http-" + status, "The request was refused.", (string?)null),
    };
    await Problems.WriteAsync(context.HttpContext, status, code, title, detail);
});
app.UseRequestBodyLimit();
app.UseSameSiteRequests();
app.UseAuthentication();
app.UseFaceSessions();
app.UseAuthorization();
app.UseAntiforgery();
app.UseJsonBodyCheck();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
if (app.Environment.IsDevelopment())
    app.MapScalarApiReference("/api-reference").AllowAnonymous();

app.MapAuth();
app.MapUsers();
app.MapClients();
app.MapSearches();
app.MapCandidates();
app.MapCandidacies();
app.MapDocuments();
app.MapConsents();
app.MapAudit();
// Benchmark only, off unless Diagnostics:CeilingEndpoint is true (tests/SearchFirm.Benchmarks).
app.MapBenchmarkCeiling();
app.MapNetwork();
app.MapBriefs();
app.MapCommittee();
app.MapPortal();
app.MapSearchFirmPages();

// Admins only; the endpoint policy replaces Hangfire's local-requests-only default.
app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = null })
    .RequireAuthorization(ServiceRegistration.AdminPolicy);

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
