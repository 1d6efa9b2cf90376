extern alias apitests;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using apitests::SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Browser.Tests.Web;

/// <summary>
/// A firm on a loopback port with one open search and three physician executives presented to its
/// committee, each with a ready committee brief — built through the API, as the team would.
/// </summary>
internal sealed partial class BoardWorld : IAsyncDisposable
{
    private BoardWorld(ApiFactory api, HttpClient partner, string baseUrl) => (Api, Partner, BaseUrl) = (api, partner, baseUrl);

    public ApiFactory Api { get; }
    public HttpClient Partner { get; }
    public string BaseUrl { get; }
    public Guid SearchId { get; private set; }
    public string CodeName { get; private set; } = "";
    public List<(Guid CandidacyId, string Name)> Presented { get; } = [];

    public static async Task<BoardWorld> OpenAsync(int candidates = 3)
    {
        var api = new ApiFactory { BackgroundJobs = true };
        api.UseKestrel(0);
        api.StartServer();
        var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        var (_, _, partner) = await api.StaffAsync("Partner");
        var world = new BoardWorld(api, partner, address);
        await world.SearchAsync();
        foreach (var (first, last, title, employer) in People.Take(candidates))
            await world.PresentAsync(first, last, title, employer);
        return world;
    }

    private static readonly (string First, string Last, string Title, string Employer)[] People =
    [
        ("Amara", "Okafor", "Chief Quality Officer", "Lakeside Health"),
        ("Daniel", "Reyes", "Vice President, Medical Affairs", "Summit Regional Medical Center"),
        ("Grace", "Whitfield", "Chief Medical Officer", "Prairie Valley Hospital"),
        ("Henry", "Castillo", "Medical Director, Hospital Medicine", "Bayview Medical Group"),
        ("Priya", "Natarajan", "Chief Quality Officer", "Riverside Health System"),
    ];

    private async Task SearchAsync()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var client = await IdAsync(await Partner.PostAsJsonAsync("/api/clients", new { name = $"Mercy Health {unique}", kind = "HospitalOrHealthSystem" }));
        CodeName = $"Project Cedar {unique}";
        SearchId = await IdAsync(await Partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName = CodeName }));
        (await Partner.PostAsJsonAsync($"/api/searches/{SearchId}/status", new { status = "Open", expectedVersion = 1 })).EnsureSuccessStatusCode();
    }

    private async Task PresentAsync(string first, string last, string title, string employer)
    {
        var candidate = await IdAsync(await Partner.PostAsJsonAsync("/api/candidates", new
        {
            firstName = first, lastName = last, email = $"{first.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org",
            currentTitle = title, currentEmployer = employer, location = "Columbus, Ohio",
            education = new object[] { new { degree = "MD", institution = "Ohio State University", year = 2003 }, new { degree = "MBA", institution = "Kellogg", year = 2014 } },
            credentials = new object[] { new { kind = "MedicalLicence", name = "Ohio medical license", issuer = "State Medical Board of Ohio", expiresOn = "2028-06-30" } },
            positions = new object[]
            {
                new { organisation = "Lakeside Health", title = "Hospitalist", level = "Clinician", from = "2007-07-01", to = "2016-06-30", isClinical = true },
                new { organisation = employer, title, level = "ChiefQualityOfficer", from = "2016-07-01", isClinical = false },
            },
        }));
        var candidacy = await IdAsync(await Partner.PostAsJsonAsync($"/api/searches/{SearchId}/candidacies", new { candidateId = candidate }));
        (await Partner.PostAsJsonAsync($"/api/candidates/{candidate}/consents", new { kind = "PresentToClient", searchId = SearchId, source = "e-mail" })).EnsureSuccessStatusCode();
        (await Partner.PostAsJsonAsync($"/api/candidacies/{candidacy}/transitions", new { to = "Shortlisted", expectedVersion = 1 })).EnsureSuccessStatusCode();
        (await Partner.PutAsJsonAsync($"/api/candidacies/{candidacy}/brief-notes", new
        {
            summary = $"{first} {last} leads quality and patient safety across a multi-hospital system and has taken readmissions down for three years running.",
            areasToProbe = new[] { "Experience with payer contracting", "Appetite for a larger medical staff" },
        })).EnsureSuccessStatusCode();
        (await Partner.PostAsJsonAsync($"/api/candidacies/{candidacy}/transitions", new { to = "PresentedToClient", expectedVersion = 2 })).EnsureSuccessStatusCode();
        var brief = (await (await Partner.PostAsJsonAsync($"/api/candidacies/{candidacy}/briefs", new { audience = "Committee" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("briefId").GetGuid();
        await ReadyAsync(brief);
        Presented.Add((candidacy, $"{first} {last}"));
    }

    private async Task ReadyAsync(Guid brief)
    {
        for (var waited = 0; waited < 120; waited++)
        {
            var status = (await Partner.GetFromJsonAsync<JsonElement>($"/api/briefs/{brief}")).GetProperty("status").GetString();
            if (status == "Ready") return;
            if (status == "Failed") Assert.Fail($"The committee brief {brief} failed to render.");
            await Task.Delay(500);
        }
        Assert.Fail($"The committee brief {brief} was not ready within a minute.");
    }

    /// <summary>Invites a member and returns the sign-in link from their e-mail (the .eml in the pickup folder).</summary>
    public async Task<(string Link, string Email)> InviteAsync(string name, string role = "Voting")
    {
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@mercy.example";
        (await Partner.PostAsJsonAsync($"/api/searches/{SearchId}/committee", new { email, name, role })).EnsureSuccessStatusCode();
        return (LinkFor(email), email);
    }

    public string LinkFor(string email)
    {
        var message = new DirectoryInfo(Path.Combine(Api.DataDirectory, "mail")).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name)
            .Select(f => File.ReadAllText(f.FullName)).Last(m => m.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Contains("/board/sign-in", StringComparison.Ordinal));
        // The text part of the .eml (quoted-printable lines may wrap with "=" at the end).
        var unwrapped = message.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        return Link().Match(unwrapped).Value;
    }

    /// <summary>A member signed in through the API (bearer), for colleagues whose part is not the test's.</summary>
    public async Task<HttpClient> BoardApiAsync(string name)
    {
        var (link, _) = await InviteAsync(name);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var client = Api.CreateClient();
        var session = await client.PostAsJsonAsync("/api/board/sessions", new { token });
        session.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A member of another search's committee, in the same firm: their sign-in link.</summary>
    public async Task<string> OtherSearchMemberLinkAsync()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var client = await IdAsync(await Partner.PostAsJsonAsync("/api/clients", new { name = $"Summit Health {unique}", kind = "HospitalOrHealthSystem" }));
        var search = await IdAsync(await Partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName = $"Project Birch {unique}" }));
        var email = $"birch-{unique}@summit.example";
        (await Partner.PostAsJsonAsync($"/api/searches/{search}/committee", new { email, name = "Other Committee" })).EnsureSuccessStatusCode();
        return LinkFor(email);
    }

    public Task<string> StaffTokenAsync() => Task.FromResult(Partner.DefaultRequestHeaders.Authorization!.Parameter!);

    /// <summary>A candidate's portal session (the first presented candidate's), as a bearer token.</summary>
    public async Task<string> CandidateTokenAsync()
    {
        var candidacy = await Partner.GetFromJsonAsync<JsonElement>($"/api/candidacies/{Presented[0].CandidacyId}");
        var candidateId = candidacy.GetProperty("candidateId").GetString()!;
        var portal = await Api.CandidateAsync(Partner, candidateId);
        return portal.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    public async Task<long> FeedbackCountAsync(Guid candidacyId)
    {
        await using var connection = await Api.Services.GetRequiredService<SearchFirm.Data.IConnectionFactory>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM CommitteeFeedback WHERE CandidacyId = @candidacyId", new { candidacyId });
    }

    public async Task<string> CommentsAsync(Guid candidacyId)
    {
        await using var connection = await Api.Services.GetRequiredService<SearchFirm.Data.IConnectionFactory>().OpenAsync();
        return string.Join("\n", await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT Comment FROM CommitteeFeedback WHERE CandidacyId = @candidacyId", new { candidacyId }));
    }

    /// <summary>
    /// Grows the firm by <paramref name="count"/> candidates (copies of one, with their own ids and
    /// addresses), for measuring pages against a firm of realistic size.
    /// </summary>
    public async Task<long> CandidateCountAsync()
    {
        await using var connection = await Api.Services.GetRequiredService<SearchFirm.Data.IConnectionFactory>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM Candidates");
    }

    public async Task FillFirmAsync(int count)
    {
        await using var connection = await Api.Services.GetRequiredService<SearchFirm.Data.IConnectionFactory>().OpenAsync();
        var columns = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT name FROM pragma_table_info('Candidates')"))
            .Where(c => c is not "Id" and not "Email").ToList();
        var sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count) " +
            $"INSERT INTO Candidates ({string.Join(", ", columns)}, Id, Email) " +
            $"SELECT {string.Join(", ", columns.Select(c => "c." + c))}, " +
            "lower(substr(r.h, 1, 8) || '-' || substr(r.h, 9, 4) || '-' || substr(r.h, 13, 4) || '-' || substr(r.h, 17, 4) || '-' || substr(r.h, 21, 12)), " +
            "'filler-' || r.i || '@example.org' " +
            "FROM (SELECT i, hex(randomblob(16)) AS h FROM n) r, (SELECT * FROM Candidates LIMIT 1) c";
        await Dapper.SqlMapper.ExecuteAsync(connection, sql, new { count }, commandTimeout: 300);
    }

    /// <summary>The decision deadline a minute ago (the settings route takes only future deadlines).</summary>
    public async Task PastDeadlineAsync()
    {
        await using var connection = await Api.Services.GetRequiredService<SearchFirm.Data.IConnectionFactory>().OpenAsync();
        await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE Searches SET DecisionDeadline = @Past WHERE Id = @SearchId", new { Past = DateTimeOffset.UtcNow.AddMinutes(-1), SearchId });
    }

    /// <summary>A physician shortlisted for the search, not yet consenting, invited to the portal: their id and e-mailed link.</summary>
    public async Task<(Guid CandidateId, Guid CandidacyId, string Link)> ShortlistedCandidateAsync(string first, string last)
    {
        var email = $"{first.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        var candidate = await IdAsync(await Partner.PostAsJsonAsync("/api/candidates", new
        {
            firstName = first, lastName = last, email, currentTitle = "Vice President, Medical Affairs", currentEmployer = "Summit Regional Medical Center",
            education = new object[] { new { degree = "MD", institution = "University of Michigan", year = 2001 } },
        }));
        var candidacy = await IdAsync(await Partner.PostAsJsonAsync($"/api/searches/{SearchId}/candidacies", new { candidateId = candidate }));
        (await Partner.PostAsJsonAsync($"/api/candidacies/{candidacy}/transitions", new { to = "Shortlisted", expectedVersion = 1 })).EnsureSuccessStatusCode();
        (await Partner.PostAsync($"/api/candidates/{candidate}/invitations", null)).EnsureSuccessStatusCode();
        var message = new DirectoryInfo(Path.Combine(Api.DataDirectory, "mail")).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name)
            .Select(f => File.ReadAllText(f.FullName)).Last(m => m.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Contains("/portal/sign-in", StringComparison.Ordinal));
        var unwrapped = message.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        return (candidate, candidacy, PortalLink().Match(unwrapped).Value);
    }

    public async Task<string> CandidateEmailAsync(Guid candidateId) =>
        (await Partner.GetFromJsonAsync<JsonElement>($"/api/candidates/{candidateId}")).GetProperty("email").GetString()!;

    /// <summary>The newest candidate-portal link e-mailed to <paramref name="email"/>.</summary>
    public string PortalLinkFor(string email)
    {
        var message = new DirectoryInfo(Path.Combine(Api.DataDirectory, "mail")).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name)
            .Select(f => File.ReadAllText(f.FullName)).Last(m => m.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Contains("/portal/sign-in", StringComparison.Ordinal));
        var unwrapped = message.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        return PortalLink().Match(unwrapped).Value;
    }

    /// <summary>The team invites the candidate again: the new link from the e-mail.</summary>
    public async Task<string> InviteAgainAsync(Guid candidateId)
    {
        (await Partner.PostAsync($"/api/candidates/{candidateId}/invitations", null)).EnsureSuccessStatusCode();
        return PortalLinkFor(await CandidateEmailAsync(candidateId));
    }

    public async Task<JsonElement> CandidacyAsync(Guid candidacyId) => await Partner.GetFromJsonAsync<JsonElement>($"/api/candidacies/{candidacyId}");

    public async Task<HttpResponseMessage> CandidateAsTeamAsync(Guid candidateId) => await Partner.GetAsync($"/api/candidates/{candidateId}");

    public async Task SettingsAsync(string display, DateTimeOffset? deadline) =>
        (await Partner.PutAsJsonAsync($"/api/searches/{SearchId}/committee/settings", new { resultsDisplay = display, decisionDeadline = deadline })).EnsureSuccessStatusCode();

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) Assert.Fail($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/board/sign-in\?token=[A-Za-z0-9_%\-]+")]
    private static partial Regex Link();

    [GeneratedRegex(@"https?://[^\s""<>]+/portal/sign-in\?token=[A-Za-z0-9_%\-]+")]
    private static partial Regex PortalLink();

    public async ValueTask DisposeAsync() => await Api.DisposeAsync();
}
