using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Searches;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Benchmark only (tests/SearchFirm.Benchmarks/load/run-load.sh): <c>GET /_bench/ceiling</c> answers
/// a search detail serialized once at start-up, with the API's JSON options, so that a load run can
/// set GET /api/searches/{id} against what Kestrel and the middleware cost alone for a response of
/// the same shape. Mapped only when <c>Diagnostics:CeilingEndpoint</c> is true (off by default);
/// anonymous, no database, left out of the OpenAPI document.
/// </summary>
internal static class CeilingEndpoint
{
    public const string Route = "/_bench/ceiling";

    public static void MapBenchmarkCeiling(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Diagnostics:CeilingEndpoint", false)) return;

        var options = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(Sample(), options);
        app.MapGet(Route, (HttpContext context) =>
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                context.Response.ContentLength = body.Length;
                return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    /// <summary>The shape the load script seeds: a hospital client's default specification and a team of three.</summary>
    private static SearchDetail Sample()
    {
        var lead = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        return new SearchDetail
        {
            Id = Guid.CreateVersion7(),
            ClientId = Guid.CreateVersion7(),
            ClientName = "Client 053 Health System",
            Title = "Chief Medical Officer 153",
            CodeName = "Load-153",
            Status = SearchStatus.Draft,
            Version = 1,
            LeadPartnerId = lead,
            CreatedAt = now,
            UpdatedAt = now,
            Specification = new SpecificationDto
            {
                Criteria = DefaultSpecification.For(ClientKind.HospitalOrHealthSystem)
                    .Select(c => new CriterionDto { Key = c.Key, Label = c.Label, Weight = c.Weight, Required = c.Required })
                    .ToList(),
            },
            Team =
            [
                new TeamMemberDto { UserId = lead, DisplayName = "Partner 001", Role = Role.Partner, IsLead = true },
                new TeamMemberDto { UserId = Guid.CreateVersion7(), DisplayName = "Recruiter 001", Role = Role.Recruiter, IsLead = false },
                new TeamMemberDto { UserId = Guid.CreateVersion7(), DisplayName = "Recruiter 002", Role = Role.Recruiter, IsLead = false },
            ],
        };
    }
}
