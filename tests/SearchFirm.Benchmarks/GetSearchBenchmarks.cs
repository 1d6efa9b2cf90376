using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;
using ApiProgram = Program;

namespace SearchFirm.Benchmarks;

/// <summary>
/// What the pipeline costs on top of the SQL for GET /api/searches/{id}, on a seeded SQLite
/// database. The three headline cases are (a) the handler's three queries with Dapper on a
/// connection opened the product's way, (b) the same through ISender.Send in a DI scope, with
/// every behaviour, and (c) the same over HTTP through WebApplicationFactory with a bearer token.
/// The parts below them price the pieces that (b) and (c) add, so that the gaps can be explained.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class GetSearchBenchmarks
{
    private const string Headline = "Headline";
    private const string Parts = "Parts";

    // The handler's SQL, read from the handler itself so that (a) runs exactly the same text.
    private static readonly string SearchSql = GetSearchHandler.SearchSql;
    private static readonly string CriteriaSql = PrivateConstant(typeof(Specification), "ReadSql");
    private static readonly string TeamSql = PrivateConstant(typeof(GetSearchHandler), "TeamSql");

    private SeededDatabase database = null!;
    private ServiceProvider services = null!;
    private IConnectionFactory connections = null!;
    private BenchmarkApiFactory factory = null!;
    private HttpClient http = null!;
    private GetSearch query = null!;
    private string path = "";
    private string token = "";
    private SearchDetail sample = null!;
    private JsonSerializerOptions json = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        http.Dispose();
        factory.Dispose();
        services.Dispose();
        database.Delete();
    }

    [BenchmarkCategory(Headline)]
    [Benchmark(Baseline = true, Description = "a. direct: open + 3 Dapper queries")]
    public async Task<SearchDetail> Direct()
    {
        await using var connection = await connections.OpenAsync();
        var search = await connection.QuerySingleOrDefaultAsync<SearchDetail>(new CommandDefinition(SearchSql, query))
            ?? throw new NotFoundException("search");
        search.Specification = new SpecificationDto
        {
            Criteria = (await connection.QueryAsync<CriterionDto>(new CommandDefinition(CriteriaSql, new { query.SearchId }))).AsList(),
        };
        search.Team = (await connection.QueryAsync<TeamMemberDto>(new CommandDefinition(TeamSql, query))).AsList();
        return search;
    }

    [BenchmarkCategory(Headline)]
    [Benchmark(Description = "b. mediator: scope + ISender.Send")]
    public async Task<SearchDetail> Mediator()
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    [BenchmarkCategory(Headline)]
    [Benchmark(Description = "c. HTTP in-process: GET with bearer")]
    public async Task<int> Http()
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [BenchmarkCategory(Parts)]
    [Benchmark(Description = "part: open pooled connection (+PRAGMAs)")]
    public async Task OpenConnection()
    {
        await using var connection = await connections.OpenAsync();
    }

    [BenchmarkCategory(Parts)]
    [Benchmark(Description = "part: team check (scope, open, 1 query)")]
    public async Task<bool> TeamCheck()
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SearchAccess>().CanSeeAsync(query.SearchId, CancellationToken.None);
    }

    [BenchmarkCategory(Parts)]
    [Benchmark(Description = "part: token lookup (scope, open, SHA-256, 1 query)")]
    public async Task<AuthenticatedUser?> TokenLookup()
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccessTokens>().FindAsync(token, CancellationToken.None);
    }

    [BenchmarkCategory(Parts)]
    [Benchmark(Description = "part: JSON serialize SearchDetail")]
    public Task Serialize() => JsonSerializer.SerializeAsync(Stream.Null, sample, json);

    private async Task SetupAsync()
    {
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        database = await SeededDatabase.CreateAsync();
        var seeded = seeding.Elapsed;
        query = new GetSearch(database.SearchId);
        path = $"/api/searches/{database.SearchId}";

        var lead = new FixedUser();
        lead.Set(database.Lead.Id, Role.Partner);
        services = database.BuildServices(lead);
        connections = services.GetRequiredService<IConnectionFactory>();

        factory = new BenchmarkApiFactory(database.Settings);
        http = factory.CreateClient();
        var issued = await http.PostAsJsonAsync("/api/auth/token", new { email = database.Lead.Email, password = SeededDatabase.Password });
        issued.EnsureSuccessStatusCode();
        token = (await issued.Content.ReadFromJsonAsync<IssuedToken>())!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Every case must see the same search; a wrong id would make the cheap 404 path look fast.
        sample = await Direct();
        var viaMediator = await Mediator();
        var bytes = await Http();
        if (viaMediator.Id != sample.Id || sample.Team.Count != 4 || sample.Specification.Criteria.Count != 10)
            throw new InvalidOperationException("The seeded search is not the one the benchmark expects.");
        json = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        await Console.Out.WriteLineAsync($"// Seeded {database.DataDirectory} in {seeded.TotalSeconds:0.0} s; search {database.SearchId}: {bytes} bytes of JSON over HTTP.");
    }

    private static string PrivateConstant(Type type, string name) =>
        type.GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{type.Name}.{name} is gone: update the direct benchmark to the handler's SQL.");

    /// <summary>The real host, as it runs in production, on the seeded database; no Hangfire workers.</summary>
    private sealed class BenchmarkApiFactory : WebApplicationFactory<ApiProgram>
    {
        private readonly IReadOnlyDictionary<string, string?> settings;

        public BenchmarkApiFactory(IReadOnlyDictionary<string, string?> settings)
        {
            this.settings = settings;
            // The content root is this output folder, where the API's appsettings.json was copied, as
            // when the API is deployed; otherwise it is looked up relative to the working directory.
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SEARCHFIRM_API", AppContext.BaseDirectory);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        }
    }
}
