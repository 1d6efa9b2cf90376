using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Api.Tests.Infrastructure;
using SearchFirm.Data;

namespace SearchFirm.Api.Tests.Committee;

/// <summary>Briefs and the committee over HTTP: status codes, problem codes, and which tokens open which routes.</summary>
public sealed partial class BriefsAndBoardApiTests
{
    private ApiFactory api = null!;

    [OneTimeSetUp]
    public void Start() => api = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    private sealed record World(HttpClient Partner, HttpClient Outsider, Guid SearchId, Guid CandidacyId, Guid CandidateId, string CodeName);

    private async Task<World> OpenSearchAsync()
    {
        var (_, _, partner) = await api.StaffAsync("Partner");
        var (_, _, outsider) = await api.StaffAsync("Recruiter");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var client = await Id(await partner.PostAsJsonAsync("/api/clients", new { name = $"Mercy Health {unique}", kind = "HospitalOrHealthSystem" }));
        var codeName = $"Project Cedar {unique}";
        var search = await Id(await partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName }));
        (await partner.PostAsJsonAsync($"/api/searches/{search}/status", new { status = "Open", expectedVersion = 1 })).EnsureSuccessStatusCode();
        var candidate = await Id(await partner.PostAsJsonAsync("/api/candidates", new
        {
            firstName = "Amara", lastName = "Okafor", email = $"amara-{unique}@example.org", currentTitle = "Chief Quality Officer",
            education = new[] { new { degree = "MD", institution = "Northwestern", year = 2004 } },
            positions = new[] { new { organisation = "Lakeside Health", title = "Hospitalist", level = "Clinician", from = "2008-07-01", isClinical = true } },
        }));
        var candidacy = await Id(await partner.PostAsJsonAsync($"/api/searches/{search}/candidacies", new { candidateId = candidate }));
        return new World(partner, outsider, search, candidacy, candidate, codeName);
    }

    private async Task PresentAsync(World world)
    {
        await using (var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO Consents (Id, CandidateId, Kind, SearchId, Source, GivenAt) VALUES (@Id, @CandidateId, 'PresentToClient', @SearchId, 'e-mail', @Now)",
                new { Id = Guid.CreateVersion7(), world.CandidateId, world.SearchId, Now = DateTimeOffset.UtcNow });
        }

        var moved = await world.Partner.PostAsJsonAsync($"/api/candidacies/{world.CandidacyId}/transitions", new { to = "Shortlisted", expectedVersion = 1 });
        moved.EnsureSuccessStatusCode();
        (await world.Partner.PostAsJsonAsync($"/api/candidacies/{world.CandidacyId}/transitions", new { to = "PresentedToClient", expectedVersion = 2 })).EnsureSuccessStatusCode();
    }

    private static async Task<Guid> Id(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The newest .eml in the pickup folder addressed to <paramref name="email"/>, and the link token in it.</summary>
    private string LinkTokenFor(string email)
    {
        var folder = Path.Combine(api.DataDirectory, "mail");
        var message = Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).Last(m => m.Contains(email, StringComparison.OrdinalIgnoreCase));
        return Uri.UnescapeDataString(LinkToken().Match(message).Groups["token"].Value);
    }

    [Test]
    public async Task A_brief_is_accepted_with_202_and_its_location_and_the_gate_answers_422_consent_required()
    {
        var world = await OpenSearchAsync();

        var refused = await world.Partner.PostAsync($"/api/candidacies/{world.CandidacyId}/briefs", null);
        var accepted = await world.Partner.PostAsJsonAsync($"/api/candidacies/{world.CandidacyId}/briefs", new { audience = "Internal" });
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        var briefId = body.GetProperty("briefId").GetGuid();
        var status = await world.Partner.GetFromJsonAsync<JsonElement>($"/api/briefs/{briefId}");
        var pdf = await world.Partner.GetAsync($"/api/briefs/{briefId}/pdf");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await Problem(refused)).GetProperty("code").GetString(), Is.EqualTo("consent-required"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(accepted.Headers.Location?.ToString(), Is.EqualTo($"/api/briefs/{briefId}"));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Requested"));
        Assert.That(status.GetProperty("audience").GetString(), Is.EqualTo("Internal"));
        Assert.That(pdf.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await Problem(pdf)).GetProperty("code").GetString(), Is.EqualTo("brief-not-ready"));
    }

    [Test]
    public async Task Unknown_or_foreign_briefs_and_searches_are_404()
    {
        var world = await OpenSearchAsync();
        var accepted = await world.Partner.PostAsJsonAsync($"/api/candidacies/{world.CandidacyId}/briefs", new { audience = "Internal" });
        var briefId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("briefId").GetGuid();

        var responses = new[]
        {
            await world.Outsider.GetAsync($"/api/briefs/{briefId}"),
            await world.Outsider.GetAsync($"/api/briefs/{briefId}/pdf"),
            await world.Outsider.PostAsync($"/api/briefs/{briefId}/retry", null),
            await world.Outsider.PostAsJsonAsync($"/api/candidacies/{world.CandidacyId}/briefs", new { audience = "Internal" }),
            await world.Outsider.PostAsJsonAsync($"/api/searches/{world.SearchId}/shortlist-book", new { audience = "Internal" }),
            await world.Outsider.PostAsJsonAsync($"/api/searches/{world.SearchId}/committee", new { email = "x@client.example", name = "X" }),
            await world.Partner.GetAsync($"/api/briefs/{Guid.NewGuid()}"),
            await world.Partner.PostAsync($"/api/candidacies/{Guid.NewGuid()}/briefs", null),
        };

        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_board_member_signs_in_with_the_emailed_link_once_and_sees_the_presented_shortlist_only_with_their_own_token()
    {
        var world = await OpenSearchAsync();
        await PresentAsync(world);
        var email = $"jane-{Guid.NewGuid():N}@mercy.example";

        var invited = await world.Partner.PostAsJsonAsync($"/api/searches/{world.SearchId}/committee", new { email, name = "Jane Doe" });
        var token = LinkTokenFor(email);
        var browser = api.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await browser.GetStringAsync($"/board/sign-in?token={Uri.EscapeDataString(token)}");
        var anonymous = api.CreateClient();
        var opened = await anonymous.PostAsJsonAsync("/api/board/sessions", new { token });
        var session = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var reused = await anonymous.PostAsJsonAsync("/api/board/sessions", new { token });

        var board = api.CreateClient();
        board.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.GetProperty("accessToken").GetString());
        var shortlist = await board.GetFromJsonAsync<JsonElement>($"/api/board/searches/{world.SearchId}/shortlist");

        Assert.That(invited.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(page, Does.Contain("<form method=\"post\""), "GET shows a button and spends nothing");
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await Problem(reused)).GetProperty("detail").GetString(), Does.Contain("already been used"));
        Assert.That(shortlist.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("candidacyId").GetGuid()), Is.EqualTo(new[] { world.CandidacyId }));
        Assert.That(shortlist.GetProperty("search").GetString(), Is.EqualTo(world.CodeName));

        // Each kind of token opens only its own routes.
        Assert.That((await board.GetAsync($"/api/searches/{world.SearchId}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await board.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await world.Partner.GetAsync($"/api/board/searches/{world.SearchId}/shortlist")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await board.GetAsync($"/api/board/searches/{Guid.NewGuid()}/shortlist")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await board.GetAsync($"/api/board/briefs/{Guid.NewGuid()}/pdf")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_api_client_following_the_emailed_link_gets_a_session_and_a_cookie_that_opens_the_board_routes()
    {
        var world = await OpenSearchAsync();
        await PresentAsync(world);
        var email = $"lee-{Guid.NewGuid():N}@mercy.example";
        await world.Partner.PostAsJsonAsync($"/api/searches/{world.SearchId}/committee", new { email, name = "Lee Park" });
        var link = $"/board/sign-in?token={Uri.EscapeDataString(LinkTokenFor(email))}";

        var browser = api.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var page = await browser.GetStringAsync(link);
        var cookies = new CookieContainer();
        var member = api.CreateDefaultClient(new CookieHandler(cookies));
        var opened = await member.GetAsync(link);
        var again = await api.CreateClient().GetAsync(link);

        var shortlist = await member.GetAsync($"/api/board/searches/{world.SearchId}/shortlist");
        var feedback = await member.PostAsJsonAsync($"/api/board/candidacies/{world.CandidacyId}/feedback", new { rating = 4, recommendation = "Advance", comment = "Ready now." });
        var unknownBrief = await member.GetAsync($"/api/briefs/{Guid.NewGuid()}/pdf");
        var staffRoute = await member.GetAsync($"/api/searches/{world.SearchId}");

        Assert.That(page, Does.Contain("<form method=\"post\""), "a browser (or a mail scanner) gets the button and spends nothing");
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("searchId").GetGuid(), Is.EqualTo(world.SearchId));
        Assert.That(opened.Headers.GetValues("Set-Cookie").Single(), Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the link works once");
        Assert.That(shortlist.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(feedback.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the documented body {rating, recommendation, comment} is enough");
        Assert.That(unknownBrief.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a board session is accepted on /api/briefs, and sees nothing it may not");
        Assert.That(staffRoute.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) cookies.SetCookies(request.RequestUri!, cookie);
            return response;
        }
    }

    [Test]
    public async Task Feedback_with_scores_out_of_range_is_400_field_by_field_and_valid_feedback_reaches_the_team()
    {
        var world = await OpenSearchAsync();
        await PresentAsync(world);
        var email = $"sam-{Guid.NewGuid():N}@mercy.example";
        await world.Partner.PostAsJsonAsync($"/api/searches/{world.SearchId}/committee", new { email, name = "Sam Reed" });
        var opened = await api.CreateClient().PostAsJsonAsync("/api/board/sessions", new { token = LinkTokenFor(email) });
        var board = api.CreateClient();
        board.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var criteria = (await board.GetFromJsonAsync<JsonElement>($"/api/board/searches/{world.SearchId}/shortlist")).GetProperty("criteria")
            .EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();

        var bad = await board.PostAsJsonAsync($"/api/board/candidacies/{world.CandidacyId}/feedback",
            new { scores = criteria.ToDictionary(k => k, _ => 7), rating = 9, recommendation = "Advance" });
        var badRecommendation = await board.PostAsJsonAsync($"/api/board/candidacies/{world.CandidacyId}/feedback",
            new { scores = criteria.ToDictionary(k => k, _ => 4), rating = 4, recommendation = "Maybe" });
        var good = await board.PostAsJsonAsync($"/api/board/candidacies/{world.CandidacyId}/feedback",
            new { scores = criteria.ToDictionary(k => k, _ => 4), rating = 4, recommendation = "Advance", comment = "Strong on quality." });
        var report = await world.Partner.GetFromJsonAsync<JsonElement>($"/api/searches/{world.SearchId}/committee/feedback");

        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await Problem(bad)).GetProperty("errors");
        Assert.That(errors.TryGetProperty("rating", out _), Is.True);
        Assert.That(badRecommendation.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var candidate = report.GetProperty("candidates")[0];
        Assert.That(candidate.GetProperty("mean").GetProperty("rating").GetDouble(), Is.EqualTo(4.0));
        Assert.That(report.GetProperty("members")[0].GetProperty("responded").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task The_OpenAPI_document_describes_the_brief_and_board_routes()
    {
        var document = await api.CreateClient().GetStringAsync("/openapi/v1.json");

        foreach (var route in new[] { "/api/candidacies/{id}/briefs", "/api/searches/{id}/shortlist-book", "/api/briefs/{id}/pdf", "/api/briefs/{id}/retry",
                     "/api/searches/{id}/committee", "/api/searches/{id}/committee/feedback", "/api/board/sessions", "/api/board/searches/{id}/shortlist",
                     "/api/board/briefs/{id}/pdf", "/api/board/candidacies/{id}/feedback", "/api/searches/{id}/committee/settings",
                     "/api/searches/{id}/committee/members/{memberId}/role", "/api/board/candidacies/{id}/conflict-of-interest" })
            Assert.That(document, Does.Contain($"\"{route}\""));
    }

    [GeneratedRegex(@"token=(?<token>[A-Za-z0-9_%\-]+)")]
    private static partial Regex LinkToken();
}
