using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Contract;

/// <summary>/openapi/v1.json describes every route and the status codes each can return.</summary>
public sealed class OpenApiTests
{
    // Infrastructure routes, not part of the API's contract.
    private static readonly string[] Undocumented = ["/health", "/openapi", "/hangfire", "/api-reference"];

    // The operational routes (health, the document itself), which the document adds by hand (ASP.NET Core's explorer cannot see them).
    private static readonly string[] Operational = ["GET /health/live", "GET /health/ready", "GET /openapi/v1.json"];
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private ApiFactory api = null!;
    private List<Operation> operations = null!;
    private JsonElement schemas;

    [OneTimeSetUp]
    public async Task ReadTheDocument()
    {
        api = new ApiFactory();
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        schemas = document.GetProperty("components").GetProperty("schemas");
        operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name))
                .Select(m => new Operation(m.Name.ToUpperInvariant(), path.Name, m.Value)))
            .ToList();
    }

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    [Test]
    public void The_document_lists_every_route_the_app_maps_and_no_other()
    {
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // Pages that are not API (portals) opt out explicitly; everything else must be documented.
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            // The pages' static files fall back to a file route of their own, which is not API either.
            .Where(e => e.RoutePattern.RawText?.EndsWith(":file}", StringComparison.Ordinal) != true)
            .Select(e => (Path: PathOf(e.RoutePattern), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]))
            .Where(e => !Undocumented.Any(u => e.Path.StartsWith(u, StringComparison.Ordinal)))
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Path}"))
            .ToList();

        Assert.That(mapped, Has.Count.GreaterThan(10), "the app's routes were not found");
        Assert.That(operations.Select(o => o.ToString()), Is.EquivalentTo(mapped.Concat(Operational)));
    }

    [Test]
    public void Staff_routes_ask_for_a_bearer_token_and_the_sign_in_and_health_routes_do_not()
    {
        static bool AsksForBearer(Operation o) =>
            o.Body.TryGetProperty("security", out var security) && security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _));
        var byName = operations.ToDictionary(o => o.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(AsksForBearer(byName["GET /api/searches/{id}"]), Is.True);
            Assert.That(AsksForBearer(byName["POST /api/relationships"]), Is.True);
            Assert.That(AsksForBearer(byName["POST /api/auth/token"]), Is.False);
            Assert.That(AsksForBearer(byName["GET /health/ready"]), Is.False);
            Assert.That(AsksForBearer(byName["GET /api/board/searches/{id}/shortlist"]), Is.False, "a board member's cookie session, not a token");
        });
    }

    [Test]
    public void Every_operation_says_how_to_sign_in_for_it_and_has_a_unique_operation_id()
    {
        static string[] Schemes(Operation o) => o.Body.GetProperty("security").EnumerateArray()
            .SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Order(StringComparer.Ordinal).ToArray();
        var byName = operations.ToDictionary(o => o.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(operations.Where(o => !o.Body.TryGetProperty("security", out _)).Select(o => o.ToString()), Is.Empty, "no security declared");
            Assert.That(Schemes(byName["POST /api/auth/token"]), Is.Empty, "anonymous: security: []");
            Assert.That(Schemes(byName["GET /health/ready"]), Is.Empty);
            Assert.That(Schemes(byName["GET /api/board/searches/{id}/shortlist"]), Is.EqualTo(new[] { "BoardSession", "BoardSessionCookie" }));
            Assert.That(Schemes(byName["GET /api/portal/profile"]), Is.EqualTo(new[] { "CandidateSession", "CandidateSessionCookie" }));
            Assert.That(Schemes(byName["GET /api/briefs/{id}/pdf"]), Is.EqualTo(new[] { "Bearer", "BoardSession", "BoardSessionCookie" }));
            Assert.That(Schemes(byName["GET /api/searches/{id}"]), Is.EqualTo(new[] { "Bearer" }));

            var ids = operations.Select(o => o.Body.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
            Assert.That(ids, Has.None.Null, "every operation has an operationId");
            Assert.That(ids, Is.Unique);
        });
    }

    [Test]
    public void Every_operation_documents_its_success_and_the_problems_it_can_answer()
    {
        var missing = operations.SelectMany(o =>
        {
            var codes = o.Body.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            var gaps = Expected(o).Where(c => !codes.ContainsKey(c)).Select(c => $"{o}: no {c}").ToList();
            if (!codes.Keys.Any(c => c.StartsWith('2'))) gaps.Add($"{o}: no 2xx");
            gaps.AddRange(codes.Where(c => c.Key.StartsWith('4') && !IsProblem(c.Value)).Select(c => $"{o}: {c.Key} is not application/problem+json"));
            return gaps;
        });

        Assert.That(operations, Has.Count.GreaterThan(10));
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Enums_are_documented_by_their_names()
    {
        // Every public enum of the domain that the API exposes: clients send these names and nothing else.
        var enums = typeof(SearchFirm.Domain.Users.Role).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum && schemas.TryGetProperty(t.Name, out _)).ToList();

        Assert.That(enums, Has.Count.GreaterThanOrEqualTo(3), "the enums were not found in the document");
        Assert.Multiple(() =>
        {
            foreach (var type in enums)
            {
                var documented = schemas.GetProperty(type.Name).GetProperty("enum").EnumerateArray()
                    .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString());
                Assert.That(documented, Is.EqualTo(Enum.GetNames(type)), type.Name);
            }
        });
    }

    [Test]
    public async Task Credentials_committees_and_person_ids_are_described_with_examples_a_client_can_send()
    {
        var credential = schemas.GetProperty("CredentialInput");
        var committee = schemas.GetProperty("CommitteeInput");
        var relationship = schemas.GetProperty("CreateRelationship");
        var warmPaths = operations.Single(o => o.ToString() == "GET /api/people/{id}/warm-paths");

        Assert.Multiple(() =>
        {
            Assert.That(schemas.GetProperty("CredentialKind").GetProperty("description").GetString(),
                Does.Contain("MedicalLicence").And.Contain("BoardCertification").And.Contain("CertifiedPhysicianExecutive"));
            Assert.That(credential.GetProperty("examples")[0].GetProperty("kind").GetString(), Is.EqualTo("BoardCertification"));
            Assert.That(committee.GetProperty("examples")[0].GetProperty("role").GetString(), Is.EqualTo("Chair"));
            Assert.That(DescriptionOf(committee.GetProperty("properties").GetProperty("role")), Does.Contain("Chair"));
            Assert.That(DescriptionOf(relationship.GetProperty("properties").GetProperty("fromPersonId")),
                Does.Contain("user id").And.Contain("GET /api/me"));
            Assert.That(warmPaths.Body.GetProperty("parameters")[0].GetProperty("description").GetString(), Does.Contain("user id"));
        });

        // The candidate example is a body the API accepts as it stands.
        var admin = await api.AdminAsync();
        var example = schemas.GetProperty("CreateCandidate").GetProperty("examples")[0].GetRawText();
        var response = await admin.PostAsync("/api/candidates", new StringContent(example, System.Text.Encoding.UTF8, "application/json"));
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
    }

    /// <summary>A property's description, beside its type or, for a nullable reference, on the reference inside oneOf.</summary>
    private static string? DescriptionOf(JsonElement property) =>
        property.TryGetProperty("description", out var description) ? description.GetString()
        : property.TryGetProperty("oneOf", out var choices) ? choices.EnumerateArray().Select(DescriptionOf).FirstOrDefault(d => d is not null)
        : null;

    /// <summary>The 4xx an operation can answer by its shape alone (src/SearchFirm.Api/README.md, conventions).</summary>
    private static IEnumerable<string> Expected(Operation operation)
    {
        if (Operational.Contains(operation.ToString())) yield break;
        if (operation.Path.StartsWith("/api/", StringComparison.Ordinal)) yield return "400";
        if (operation.Path.StartsWith("/api/", StringComparison.Ordinal)) yield return "401";
        if (operation.ToString() == "POST /api/auth/token") yield return "429";
        if (operation.Path.Contains('{')) yield return "404";
        if (operation.Body.TryGetProperty("requestBody", out _))
        {
            yield return "413";
            yield return "415";
        }
    }

    private static bool IsProblem(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _);

    /// <summary>The route as OpenAPI writes it: parameters without constraints, no trailing slash.</summary>
    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private sealed record Operation(string Method, string Path, JsonElement Body)
    {
        public override string ToString() => $"{Method} {Path}";
    }
}
