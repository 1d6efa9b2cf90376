using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Network;

/// <summary>The referral network over HTTP: status codes, problem details naming the field, the contract's shapes.</summary>
public sealed class NetworkApiTests
{
    private ApiFactory api = null!;

    [OneTimeSetUp]
    public void Start() => api = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string> Fields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);

    [Test]
    public async Task People_relationships_and_warm_paths_work_end_to_end()
    {
        var (recruiterId, _, recruiter) = await api.StaffAsync("Recruiter");
        var me = await IdOf(await recruiter.PostAsJsonAsync("/api/people", new { fullName = "Rita Recruiter", userId = recruiterId }));
        var friend = await IdOf(await recruiter.PostAsJsonAsync("/api/people", new
        {
            fullName = "Dr Friend",
            email = $"friend-{Guid.NewGuid():N}@example.org",
            employment = new[] { new { organisation = "St Luke's", title = "CMO", from = "2019-01-01" } },
        }));
        var target = await IdOf(await recruiter.PostAsJsonAsync("/api/people", new { fullName = "Dr Target" }));
        await IdOf(await recruiter.PostAsJsonAsync("/api/relationships", new { fromPersonId = me, toPersonId = friend, kind = "WorkedWith", strength = 4, source = "CV" }));
        await IdOf(await recruiter.PostAsJsonAsync("/api/relationships", new { fromPersonId = target, toPersonId = friend, kind = "ReportedTo", strength = 5, since = "2020-03-01" }));

        var person = await recruiter.GetFromJsonAsync<JsonElement>($"/api/people/{friend}");
        var paths = await recruiter.GetFromJsonAsync<JsonElement>($"/api/people/{target}/warm-paths?maxHops=2");

        Assert.That(person.GetProperty("employment")[0].GetProperty("organisation").GetString(), Is.EqualTo("St Luke's"));
        var path = paths.GetProperty("paths")[0];
        Assert.That(path.GetProperty("hops").GetInt32(), Is.EqualTo(2));
        Assert.That(path.GetProperty("steps")[1].GetProperty("kind").GetString(), Is.EqualTo("ReportedTo"));
        Assert.That(path.GetProperty("steps")[1].GetProperty("explanation").GetString(), Is.EqualTo("Dr Target reported to Dr Friend"));
        Assert.That(paths.GetProperty("truncated").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Bad_relationships_are_400_naming_the_field()
    {
        var (_, _, recruiter) = await api.StaffAsync("Recruiter");
        var ana = await IdOf(await recruiter.PostAsJsonAsync("/api/people", new { fullName = "Ana" }));

        var self = await ProblemOf(await recruiter.PostAsJsonAsync("/api/relationships", new { fromPersonId = ana, toPersonId = ana, kind = "Knows", strength = 3 }), HttpStatusCode.BadRequest);
        var unknown = await ProblemOf(await recruiter.PostAsJsonAsync("/api/relationships", new { fromPersonId = ana, toPersonId = Guid.NewGuid(), kind = "Knows", strength = 3 }), HttpStatusCode.BadRequest);
        var strength = await ProblemOf(await recruiter.PostAsJsonAsync("/api/relationships", new { fromPersonId = ana, toPersonId = Guid.NewGuid(), kind = "Knows", strength = 0 }), HttpStatusCode.BadRequest);
        var kind = await ProblemOf(await recruiter.PostAsJsonAsync("/api/relationships", new { fromPersonId = ana, toPersonId = Guid.NewGuid(), kind = "Enemies", strength = 3 }), HttpStatusCode.BadRequest);

        Assert.That(Fields(self), Is.EqualTo(new[] { "toPersonId" }));
        Assert.That(Fields(unknown), Is.EqualTo(new[] { "toPersonId" }));
        Assert.That(Fields(strength), Is.EqualTo(new[] { "strength" }));
        Assert.That(Fields(kind), Is.EqualTo(new[] { "kind" }));
    }

    [Test]
    public async Task Max_hops_out_of_range_is_400_and_an_unknown_person_404()
    {
        var (_, _, recruiter) = await api.StaffAsync("Recruiter");
        var ana = await IdOf(await recruiter.PostAsJsonAsync("/api/people", new { fullName = "Ana" }));

        var tooMany = await ProblemOf(await recruiter.GetAsync($"/api/people/{ana}/warm-paths?maxHops=5"), HttpStatusCode.BadRequest);
        await ProblemOf(await recruiter.GetAsync($"/api/people/{ana}/warm-paths?maxHops=0"), HttpStatusCode.BadRequest);
        await ProblemOf(await recruiter.GetAsync($"/api/people/{Guid.NewGuid()}/warm-paths"), HttpStatusCode.NotFound);
        var notANumber = await ProblemOf(await recruiter.GetAsync($"/api/people/{ana}/warm-paths?maxHops=abc"), HttpStatusCode.BadRequest);

        Assert.That(Fields(tooMany), Is.EqualTo(new[] { "maxHops" }));
        Assert.That(notANumber.GetProperty("errors").GetProperty("maxHops")[0].GetString(), Is.EqualTo("'maxHops' is not valid: expected a whole number."));
    }

    [Test]
    public async Task A_referral_needs_the_team_and_a_search()
    {
        var (_, _, partner) = await api.StaffAsync("Partner");
        var (_, _, recruiter) = await api.StaffAsync("Recruiter");
        var client = await IdOf(await partner.PostAsJsonAsync("/api/clients", new { name = $"Client {Guid.NewGuid():N}", kind = "Payer" }));
        var search = await IdOf(await partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "CMO", codeName = $"Project {Guid.NewGuid():N}" }));
        var referrer = await IdOf(await partner.PostAsJsonAsync("/api/people", new { fullName = "Dr Kim" }));
        var candidate = await IdOf(await partner.PostAsJsonAsync("/api/candidates", new { firstName = "Amara", lastName = "Okafor" }));
        var body = new { referrerPersonId = referrer, candidateId = candidate, searchId = search, note = "Knows her from the AAPL board" };
        var unknownCandidate = await ProblemOf(await partner.PostAsJsonAsync("/api/referrals", body with { candidateId = Guid.NewGuid() }), HttpStatusCode.BadRequest);

        await IdOf(await partner.PostAsJsonAsync("/api/referrals", body));
        await ProblemOf(await recruiter.PostAsJsonAsync("/api/referrals", body), HttpStatusCode.NotFound);
        var missing = await ProblemOf(await partner.PostAsJsonAsync("/api/referrals", new { referrerPersonId = referrer, candidateId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        var referrers = await partner.GetFromJsonAsync<JsonElement>("/api/network/referrers?top=5");

        Assert.That(Fields(missing), Is.EqualTo(new[] { "searchId" }));
        Assert.That(Fields(unknownCandidate), Is.EqualTo(new[] { "candidateId" }));
        Assert.That(referrers[0].GetProperty("fullName").GetString(), Is.EqualTo("Dr Kim"));
        Assert.That(referrers[0].GetProperty("referrals").GetInt32(), Is.EqualTo(1));
        await ProblemOf(await partner.GetAsync("/api/network/referrers?top=1000"), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Network_routes_need_a_signed_in_member_of_staff()
    {
        var anonymous = api.CreateClient();

        Assert.That((await anonymous.GetAsync($"/api/people/{Guid.NewGuid()}/warm-paths")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.PostAsJsonAsync("/api/people", new { fullName = "X" })).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.GetAsync("/api/network/organisations/people?organisation=Mercy")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
    [Test]
    public async Task An_import_is_a_multipart_upload_that_answers_with_a_report()
    {
        var (_, _, partner) = await api.StaffAsync("Partner");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var form = new MultipartFormDataContent
        {
            { new StringContent($"external_id,full_name\na-{suffix},Ana\nb-{suffix},Bo\n"), "people", "people.csv" },
            { new StringContent($"from,to,kind,strength\na-{suffix},b-{suffix},Knows,4\na-{suffix},b-{suffix},Knows,7\n"), "relationships", "relationships.csv" },
        };

        var response = await partner.PostAsync("/api/network/import", form);
        var nothing = await ProblemOf(await partner.PostAsync("/api/network/import", new MultipartFormDataContent { { new StringContent("x"), "other" } }), HttpStatusCode.BadRequest);
        var json = await ProblemOf(await partner.PostAsJsonAsync("/api/network/import", new { people = "x" }), HttpStatusCode.UnsupportedMediaType);
        Assert.That(json.GetProperty("detail").GetString(), Does.Contain("multipart/form-data"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("relationships").GetProperty("imported").GetInt32(), Is.EqualTo(1));
        var rejected = report.GetProperty("rejected")[0];
        Assert.That((rejected.GetProperty("file").GetString(), rejected.GetProperty("row").GetInt32()), Is.EqualTo(("relationships", 3)));
        Assert.That(Fields(nothing), Is.EqualTo(new[] { "people" }));
    }

    [Test]
    public async Task An_import_of_many_megabytes_is_read_whole_and_not_refused_by_the_default_body_limit()
    {
        var (_, _, partner) = await api.StaffAsync("Partner");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var people = new System.Text.StringBuilder("external_id,full_name\n");
        var ties = new System.Text.StringBuilder("from,to,kind,strength,source\n");
        for (var i = 0; i < 20_000; i++)
        {
            people.Append($"p{i}-{suffix},Person {i}\n");
            ties.Append($"p{i}-{suffix},p{(i + 1) % 20_000}-{suffix},Knows,3,{new string('s', 60)}\n");
            ties.Append($"p{i}-{suffix},p{(i + 7) % 20_000}-{suffix},Mentor,2,{new string('s', 60)}\n");
        }

        using var form = new MultipartFormDataContent
        {
            { new StringContent(people.ToString()), "people", "people.csv" },
            { new StringContent(ties.ToString()), "relationships", "relationships.csv" },
        };
        Assert.That(ties.Length, Is.GreaterThan(3 * 1024 * 1024));

        var response = await partner.PostAsync("/api/network/import", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("people").GetProperty("imported").GetInt32(), Is.EqualTo(20_000));
        Assert.That(report.GetProperty("relationships").GetProperty("imported").GetInt32(), Is.EqualTo(40_000));
    }
}
