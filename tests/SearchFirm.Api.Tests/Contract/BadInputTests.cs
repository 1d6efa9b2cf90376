using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Contract;

/// <summary>
/// Bad input of every kind, on every route that takes input, answers problem details with the
/// right status, names the offending field for a 400, and stores nothing.
/// </summary>
public sealed class BadInputTests
{
    private ApiFactory api = null!;
    private HttpClient admin = null!;
    private HttpClient candidate = null!;
    private HttpClient board = null!;
    private Dictionary<string, string> placeholders = null!;

    [OneTimeSetUp]
    public async Task CreateOneOfEach()
    {
        api = new ApiFactory();
        admin = await api.AdminAsync();
        var client = await CreatedAsync("/api/clients", new { name = "Mercy Health", kind = "HospitalOrHealthSystem" });
        var search = await CreatedAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName = "Project Cedar" });
        var (user, _, _) = await api.StaffAsync("Recruiter");
        var candidateId = await CreatedAsync("/api/candidates", new { firstName = "Amara", lastName = "Okafor", email = "amara@example.org" });
        var candidacy = await CreatedAsync($"/api/searches/{search}/candidacies", new { candidateId });
        (await admin.PostAsJsonAsync($"/api/candidacies/{candidacy}/transitions", new { to = "Contacted", expectedVersion = 1 })).EnsureSuccessStatusCode();
        candidate = await api.CandidateAsync(admin, candidateId.ToString());
        (board, var member) = await api.BoardMemberAsync(admin, search);
        placeholders = new()
        {
            ["{candidate}"] = candidateId.ToString(),
            ["{candidacy}"] = candidacy.ToString(),
            ["{client}"] = client.ToString(),
            ["{search}"] = search.ToString(),
            ["{user}"] = user.ToString(),
            ["{member}"] = member.ToString(),
            ["{long-code-name}"] = new string('c', 101),
        };
    }

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    [TestCaseSource(typeof(BadInputCases), nameof(BadInputCases.All))]
    public async Task Bad_input_is_refused_in_problem_details_and_stores_nothing(BadInput input)
    {
        var before = await DatabaseSnapshot.TakeAsync(api);

        var response = await (input.AsCandidate ? candidate : input.AsBoard ? board : admin).SendAsync(Request(input));

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(input.Status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        using var problem = JsonDocument.Parse(body);
        Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo((int)input.Status));
        Assert.That(problem.RootElement.GetProperty("code").GetString(), Is.EqualTo(StableCode(input.Status)), "a stable code");
        if (input.Field is not null)
        {
            var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name);
            Assert.That(errors, Does.Contain(input.Field), body);
        }

        Assert.That(await DatabaseSnapshot.TakeAsync(api), Is.EqualTo(before), "the database changed");
    }

    [Test]
    public async Task A_chunked_body_over_the_limit_is_413_on_Kestrel_and_stores_nothing()
    {
        // Without a Content-Length only the real server can tell the body is too large, while reading it.
        using var kestrel = new ApiFactory();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var client = await kestrel.AdminAsync();
        var before = await DatabaseSnapshot.TakeAsync(kestrel);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(BadInputCases.OverOneMegabyte)));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/clients") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), Is.EqualTo("too-large"));
        Assert.That(await DatabaseSnapshot.TakeAsync(kestrel), Is.EqualTo(before));
    }

    private static string StableCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "validation",
        HttpStatusCode.RequestEntityTooLarge => "too-large",
        HttpStatusCode.UnsupportedMediaType => "unsupported-media-type",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private HttpRequestMessage Request(BadInput input)
    {
        var request = new HttpRequestMessage(input.Method, Fill(input.Path));
        if (input.Body is not null)
            request.Content = new StringContent(Fill(input.Body), Encoding.UTF8, input.ContentType);
        return request;
    }

    private string Fill(string text) => placeholders.Aggregate(text, (s, p) => s.Replace(p.Key, p.Value, StringComparison.Ordinal));

    private async Task<Guid> CreatedAsync(string path, object body)
    {
        var response = await admin.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
    }
}
