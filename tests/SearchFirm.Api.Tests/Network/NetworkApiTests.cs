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
    public async Task A_referral_needs_the_team_and_a_search()
    {
        var (_, _, partner) = await api.StaffAsync("Partner");
        var (_, _, recruiter) = await api.StaffAsync("Recruiter");
        var client = await IdOf(await partner.PostAsJsonAsync("/api/clients", new { name = $"Client {Guid.NewGuid():N}", kind = "Payer" }));
        var search = await IdOf(await partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "CMO", codeName = $"Project {Guid.NewGuid():N}" }));
        var referrer = await IdOf(await partner.PostAsJsonAsync("/api/people", new { fullName = "Dr Kim" }));
        var body = new { referrerPersonId = referrer, candidateId = Guid.NewGuid(), searchId = search, note = "Knows her from the AAPL board" };

        await IdOf(await partner.PostAsJsonAsync("/api/referrals", body));
        await ProblemOf(await recruiter.PostAsJsonAsync("/api/referrals", body), HttpStatusCode.NotFound);
        var missing = await ProblemOf(await partner.PostAsJsonAsync("/api/referrals", new { referrerPersonId = referrer, candidateId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        var referrers = await partner.GetFromJsonAsync<JsonElement>("/api/network/referrers?top=5");

        Assert.That(Fields(missing), Is.EqualTo(new[] { "searchId" }));
        Assert.That(referrers[0].GetProperty("fullName").GetString(), Is.EqualTo("Dr Kim"));
        Assert.That(referrers[0].GetProperty("referrals").GetInt32(), Is.EqualTo(1));
        await ProblemOf(await partner.GetAsync("/api/network/referrers?top=1000"), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Network_routes_need_a_signed_in_member_of_staff()
    {
        var anonymous = api.CreateClient();

        Assert.That((await anonymous.PostAsJsonAsync("/api/people", new { fullName = "X" })).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
