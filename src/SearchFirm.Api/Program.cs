using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using SearchFirm.Api.Endpoints;
using SearchFirm.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSearchFirm(builder.Configuration);
// JSON bodies are small; document uploads raise their own limit per endpoint.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();

if (args.Contains("migrate"))
    return await Startup.MigrateAsync(app.Services);

await Startup.PrepareDatabaseAsync(app.Services, app.Configuration);

app.UseExceptionHandler();
app.UseStatusCodePages(async context =>
{
    // Routes that do not exist, or wrong methods, still answer in problem details.
    var status = context.HttpContext.Response.StatusCode;
    await Problems.WriteAsync(context.HttpContext, status, status == 404 ? "not-found" : "http-" + status,
        status == 404 ? "Not found." : "The request was refused.", null);
});
app.UseAuthentication();
app.UseAuthorization();

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
app.MapBriefs();
app.MapCommittee();

// Admins only; the endpoint policy replaces Hangfire's local-requests-only default.
app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = null })
    .RequireAuthorization(ServiceRegistration.AdminPolicy);

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
