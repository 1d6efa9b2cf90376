using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Consents;

public sealed class ConsentsApiTests
{
    private ApiFactory api = null!;
    private HttpClient partner = null!;
    private HttpClient recruiter = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        api = new ApiFactory();
        (_, _, partner) = await api.StaffAsync("Partner");
        (_, _, recruiter) = await api.StaffAsync("Recruiter");
    }

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
    }

    private async Task<(Guid Candidate, Guid Search)> CandidateAndSearchAsync()
    {
        var candidate = await IdOf(await recruiter.PostAsJsonAsync("/api/candidates", new { firstName = "Amara", lastName = "Okafor" }));
        var client = await IdOf(await partner.PostAsJsonAsync("/api/clients", new { name = $"Mercy {Guid.NewGuid():N}", kind = "HospitalOrHealthSystem" }));
        var search = await IdOf(await partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "CMO", codeName = $"Project {Guid.NewGuid():N}" }));
        return (candidate, search);
    }

    [Test]
    public async Task The_team_records_consent_to_present_and_reads_it_back()
    {
        var (candidate, search) = await CandidateAndSearchAsync();

        var response = await partner.PostAsJsonAsync($"/api/candidates/{candidate}/consents", new { kind = "PresentToClient", searchId = search, source = "call with the candidate" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var list = await partner.GetFromJsonAsync<JsonElement>($"/api/candidates/{candidate}/consents");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("kind").GetString(), Is.EqualTo("PresentToClient"));
            Assert.That(body.GetProperty("searchId").GetGuid(), Is.EqualTo(search));
            Assert.That(body.GetProperty("source").GetString(), Is.EqualTo("call with the candidate"));
            Assert.That(body.GetProperty("givenAt").GetDateTimeOffset().Offset, Is.EqualTo(TimeSpan.Zero));
        });
        Assert.That(list.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()), Is.EqualTo(new[] { body.GetProperty("id").GetGuid() }));
    }

    [Test]
    public async Task Bad_input_is_400_and_a_search_off_the_callers_team_is_404()
    {
        var (candidate, search) = await CandidateAndSearchAsync();
        var url = $"/api/candidates/{candidate}/consents";

        var noSearch = await partner.PostAsJsonAsync(url, new { kind = "PresentToClient" });
        var processingWithSearch = await partner.PostAsJsonAsync(url, new { kind = "Processing", searchId = search });
        var unknownKind = await partner.PostAsJsonAsync(url, new { kind = "Marketing" });
        var offTeam = await recruiter.PostAsJsonAsync(url, new { kind = "PresentToClient", searchId = search });
        var unknownCandidate = await partner.PostAsJsonAsync($"/api/candidates/{Guid.NewGuid()}/consents", new { kind = "Processing" });
        var anonymous = await api.CreateClient().PostAsJsonAsync(url, new { kind = "Processing" });

        Assert.That(noSearch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await noSearch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("searchId", out _), Is.True);
        Assert.That(processingWithSearch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownKind.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(offTeam.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknownCandidate.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await partner.GetFromJsonAsync<JsonElement>(url)).GetArrayLength(), Is.Zero, "nothing was recorded");
    }
}
