using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SearchFirm.Api.Tests.Authorization;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Portal;

/// <summary>The candidate portal over HTTP, as a candidate and a recruiter would check it.</summary>
public sealed class PortalApiTests
{
    private ApiFactory api = null!;

    [OneTimeSetUp]
    public void Start() => api = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    private sealed record Cedar(HttpClient Recruiter, string ClientName, string CodeName, string SearchId, string CandidateId, string CandidacyId, string Email);

    /// <summary>A search for a named client, a candidate in it and contacted.</summary>
    private async Task<Cedar> CedarAsync()
    {
        var (_, _, partner) = await api.StaffAsync("Partner");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var clientName = $"Mercy Health {unique}";
        var codeName = $"Project Cedar {unique}";
        var client = await Id(await partner.PostAsJsonAsync("/api/clients", new { name = clientName, kind = "HospitalOrHealthSystem" }));
        var search = await Id(await partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName }));
        var email = $"amara-{unique}@example.org";
        var candidate = await Id(await partner.PostAsJsonAsync("/api/candidates", new { firstName = "Amara", lastName = "Okafor", email }));
        var candidacy = await Id(await partner.PostAsJsonAsync($"/api/searches/{search}/candidacies", new { candidateId = candidate }));
        (await partner.PostAsJsonAsync($"/api/candidacies/{candidacy}/transitions", new { to = "Contacted", expectedVersion = 1 })).EnsureSuccessStatusCode();
        return new Cedar(partner, clientName, codeName, search, candidate, candidacy, email);
    }

    [Test]
    public async Task An_invitation_writes_an_eml_whose_link_opens_a_button_page_and_works_once()
    {
        var cedar = await CedarAsync();

        var invited = await cedar.Recruiter.PostAsync($"/api/candidates/{cedar.CandidateId}/invitations", null);

        Assert.That(invited.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await invited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("linkExpiresAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(6)));
        var eml = Directory.GetFiles(Path.Combine(api.DataDirectory, "mail"), "*.eml").Select(File.ReadAllText).Single(m => m.Contains(cedar.Email, StringComparison.Ordinal));
        Assert.That(eml, Does.Contain(cedar.CodeName).And.Not.Contain(cedar.ClientName));
        var token = api.PortalLinkToken(cedar.Email);
        var anonymous = api.CreateClient();

        // A browser, or a mail scanner acting like one, following the link sees a button and spends nothing.
        var browser = api.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await browser.GetStringAsync($"/portal/sign-in?token={Uri.EscapeDataString(token)}");
        Assert.That(page, Does.Contain("<button").And.Contain(token));
        // An API client following it gets the session, also as a cookie that opens the portal.
        var first = await anonymous.GetAsync($"/portal/sign-in?token={Uri.EscapeDataString(token)}");
        var second = await anonymous.PostAsJsonAsync("/api/portal/sessions", new { token });
        var cookie = first.Headers.GetValues("Set-Cookie").Single();
        var withCookie = api.CreateClient();
        withCookie.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        var profile = await withCookie.GetAsync("/api/portal/profile");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("candidateId").GetString(), Is.EqualTo(cedar.CandidateId));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Forget me from the browser: the session ends and the cookie is cleared with it.
        var forgotten = await withCookie.PostAsJsonAsync("/api/portal/erasure", new { confirm = true });
        Assert.That(forgotten.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(forgotten.Headers.GetValues("Set-Cookie").Single(), Does.StartWith("searchfirm_candidate=;").And.Contain("1970"));
        Assert.That((await withCookie.GetAsync("/api/portal/profile")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(second.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("already been used"));
    }

    [Test]
    public async Task A_candidate_uploads_their_cv_and_sees_it_but_not_another_candidates()
    {
        var cedar = await CedarAsync();
        var portal = await api.CandidateAsync(cedar.Recruiter, cedar.CandidateId);
        var other = await Id(await cedar.Recruiter.PostAsJsonAsync("/api/candidates", World.NewCandidate()));
        var othersCv = await Id(await cedar.Recruiter.PostAsync($"/api/candidates/{other}/documents", World.Cv()));

        var uploaded = await portal.PostAsync($"/api/candidates/{cedar.CandidateId}/documents", World.Cv());

        Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Created), await uploaded.Content.ReadAsStringAsync());
        var document = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(document.GetProperty("uploadedBy").ValueKind, Is.EqualTo(JsonValueKind.Null), "uploaded by the candidate, not staff");
        var listed = await portal.GetFromJsonAsync<JsonElement>($"/api/candidates/{cedar.CandidateId}/documents");
        Assert.That(listed.EnumerateArray().Select(d => d.GetProperty("id").GetString()), Does.Contain(document.GetProperty("id").GetString()));
        var content = await portal.GetStringAsync($"/api/documents/{document.GetProperty("id").GetString()}/content");
        Assert.That(content, Does.StartWith("Amara Okafor, MD"));
        Assert.That((await portal.GetAsync($"/api/candidates/{other}/documents")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await portal.GetAsync($"/api/documents/{othersCv}/content")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await portal.PostAsync($"/api/candidates/{other}/documents", World.Cv())).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await portal.GetAsync($"/api/candidates/{cedar.CandidateId}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a staff route");
        Assert.That((await cedar.Recruiter.GetAsync("/api/portal/profile")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a portal route");
    }

    [Test]
    public async Task The_candidate_sees_the_code_name_until_disclosure_and_a_withdrawal_shows_on_the_recruiters_board()
    {
        var cedar = await CedarAsync();
        var portal = await api.CandidateAsync(cedar.Recruiter, cedar.CandidateId);

        var before = await portal.GetStringAsync("/api/portal/searches");
        Assert.That(before, Does.Contain(cedar.CodeName).And.Contain("InConversation").And.Not.Contain(cedar.ClientName));
        (await cedar.Recruiter.PostAsync($"/api/candidacies/{cedar.CandidacyId}/client-disclosure", null)).EnsureSuccessStatusCode();
        Assert.That(await portal.GetStringAsync("/api/portal/searches"), Does.Contain(cedar.ClientName));

        var withdrawn = await portal.PostAsJsonAsync($"/api/portal/candidacies/{cedar.CandidacyId}/withdrawal", new { reasonCode = "relocation" });

        Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await withdrawn.Content.ReadAsStringAsync());
        var board = await cedar.Recruiter.GetFromJsonAsync<JsonElement>($"/api/searches/{cedar.SearchId}/pipeline");
        var card = board.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "Withdrawn")
            .GetProperty("candidacies").EnumerateArray().Single();
        Assert.That((card.GetProperty("decidedBy").GetString(), card.GetProperty("exitReasonCode").GetString()), Is.EqualTo(("Candidate", "relocation")));
    }

    [Test]
    public async Task An_admins_erasure_deletes_the_files_404s_the_candidate_closes_the_session_and_keeps_a_tombstone()
    {
        var cedar = await CedarAsync();
        var portal = await api.CandidateAsync(cedar.Recruiter, cedar.CandidateId);
        (await portal.PostAsync($"/api/candidates/{cedar.CandidateId}/documents", World.Cv())).EnsureSuccessStatusCode();
        var documents = Path.Combine(api.DataDirectory, "documents");
        var filesBefore = Directory.GetFiles(documents, "*", SearchOption.AllDirectories).Length;
        var admin = await api.AdminAsync();

        var erased = await admin.PostAsync($"/api/candidates/{cedar.CandidateId}/erasure", null);

        Assert.That(erased.StatusCode, Is.EqualTo(HttpStatusCode.OK), await erased.Content.ReadAsStringAsync());
        Assert.That(Directory.GetFiles(documents, "*", SearchOption.AllDirectories), Has.Length.EqualTo(filesBefore - 1));
        Assert.That((await cedar.Recruiter.GetAsync($"/api/candidates/{cedar.CandidateId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await cedar.Recruiter.GetAsync($"/api/candidacies/{cedar.CandidacyId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await cedar.Recruiter.GetStringAsync("/api/candidates?q=okafor"), Does.Not.Contain(cedar.CandidateId));
        Assert.That((await portal.GetAsync("/api/portal/profile")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var trail = await admin.GetStringAsync($"/api/audit?entityId={cedar.CandidateId}");
        Assert.That(trail, Does.Contain("EraseCandidate").And.Not.Contain("Okafor").And.Not.Contain(cedar.Email));
    }

    private static async Task<string> Id(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
