using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SearchFirm.Api.Tests.Infrastructure;
using SearchFirm.Tests.Documents;

namespace SearchFirm.Api.Tests.Audit;

public sealed class AuditApiTests
{
    private ApiFactory api = null!;

    [OneTimeSetUp]
    public void Start() => api = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    [Test]
    public async Task An_admin_sees_who_uploaded_listed_and_downloaded_a_document()
    {
        var (recruiterId, _, recruiter) = await api.StaffAsync("Recruiter");
        var admin = await api.AdminAsync();
        var candidate = await recruiter.PostAsJsonAsync("/api/candidates", new { firstName = "Amara", lastName = "Okafor" });
        var candidateId = (await candidate.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
        using var form = new MultipartFormDataContent { { new StringContent("Cv"), "kind" }, { new ByteArrayContent(Samples.Pdf()), "file", "cv.pdf" } };
        var upload = await recruiter.PostAsync($"/api/candidates/{candidateId}/documents", form);
        var documentId = (await upload.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
        await recruiter.GetAsync($"/api/candidates/{candidateId}/documents");
        await recruiter.GetAsync($"/api/documents/{documentId}/content");

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?actorId={recruiterId}&pageSize=3");
        var document = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entityId={documentId}");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(e => e.GetProperty("action").GetString()), Is.EqualTo(new[] { "DownloadDocument", "ListCandidateDocuments", "UploadDocument" }));
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(4), "and CreateCandidate before them");
        Assert.That(page.GetProperty("pageSize").GetInt32(), Is.EqualTo(3));
        Assert.That(items[0].GetProperty("sourceIp").ValueKind, Is.Not.EqualTo(JsonValueKind.Undefined));
        Assert.That(items[0].GetProperty("actorKind").GetString(), Is.EqualTo("Staff"));
        Assert.That(document.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()),
            Is.EqualTo(new[] { "DownloadDocument", "UploadDocument" }));
    }

    [TestCase("Partner")]
    [TestCase("Recruiter")]
    public async Task Other_staff_are_refused_with_403(string role)
    {
        var (_, _, client) = await api.StaffAsync(role);

        var response = await client.GetAsync("/api/audit");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Strangers_get_401_and_bad_filters_400()
    {
        var admin = await api.AdminAsync();

        Assert.That((await api.CreateClient().GetAsync("/api/audit")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await admin.GetAsync("/api/audit?entityId=not-a-guid")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await admin.GetAsync("/api/audit?pageSize=500")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await admin.GetAsync("/api/audit?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await admin.GetAsync("/api/audit?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
