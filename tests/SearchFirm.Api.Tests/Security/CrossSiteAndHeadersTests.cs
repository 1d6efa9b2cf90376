using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Security;

/// <summary>
/// Cookie sessions act only for this site's own pages (cross-site requests and login CSRF refused),
/// and one header policy covers every route: pages, downloads and everything a signed-in caller reads.
/// </summary>
public sealed class CrossSiteAndHeadersTests
{
    private ApiFactory api = null!;

    [OneTimeSetUp]
    public void Start() => api = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    private async Task<(Guid CandidateId, string Email, HttpClient Team)> CandidateAsync()
    {
        var (_, _, partner) = await api.StaffAsync("Partner");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var client = await Id(await partner.PostAsJsonAsync("/api/clients", new { name = $"Mercy {unique}", kind = "HospitalOrHealthSystem" }));
        var search = await Id(await partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName = $"Cedar {unique}" }));
        var email = $"amara-{unique}@example.org";
        var candidate = await Id(await partner.PostAsJsonAsync("/api/candidates", new { firstName = "Amara", lastName = "Okafor", email }));
        await Id(await partner.PostAsJsonAsync($"/api/searches/{search}/candidacies", new { candidateId = candidate }));
        (await partner.PostAsync($"/api/candidates/{candidate}/invitations", null)).EnsureSuccessStatusCode();
        return (candidate, email, partner);
    }

    private async Task<string> SessionAsync(string email)
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/portal/sessions", new { token = api.PortalLinkToken(email) });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    [Test]
    public async Task A_cross_site_request_with_only_the_candidates_cookie_changes_nothing_and_a_same_site_one_does()
    {
        var (candidateId, email, _) = await CandidateAsync();
        var session = await SessionAsync(email);
        var bearer = api.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", session);
        var consent = await Id(await bearer.PostAsJsonAsync($"/api/candidates/{candidateId}/consents", new { kind = "Processing" }));
        var browser = api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        HttpRequestMessage Withdrawal(string site, string? origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/portal/consents/{consent}/withdrawal");
            request.Headers.Add("Cookie", $"searchfirm_candidate={session}");
            request.Headers.Add("Sec-Fetch-Site", site);
            if (origin is not null) request.Headers.Add("Origin", origin);
            return request;
        }

        var forged = await browser.SendAsync(Withdrawal("cross-site", "https://evil.example"));
        var still = await bearer.GetFromJsonAsync<JsonElement>("/api/portal/consents");
        var own = await browser.SendAsync(Withdrawal("same-origin", null));

        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), Is.EqualTo("cross-site-request"));
        Assert.That(still.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == consent).GetProperty("withdrawnAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the portal's own page may");
    }

    [Test]
    public async Task A_sign_in_form_posted_from_another_site_is_refused_and_the_link_stays_unspent()
    {
        var (_, email, _) = await CandidateAsync();
        var token = api.PortalLinkToken(email);
        var request = new HttpRequestMessage(HttpMethod.Post, "/portal/sign-in") { Content = new FormUrlEncodedContent([new("token", token)]) };
        request.Headers.Add("Origin", "https://evil.example");

        var forged = await api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).SendAsync(request);
        var genuine = await api.CreateClient().PostAsJsonAsync("/api/portal/sessions", new { token });

        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(forged.Headers.Contains("Set-Cookie"), Is.False);
        Assert.That(genuine.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the link was not spent by the forged post");
    }

    [Test]
    public async Task Pages_carry_the_page_headers_and_every_signed_in_read_of_every_documented_route_is_no_store()
    {
        var page = await api.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/board") { Headers = { { "Accept", "text/html" } } });
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.Not.Contain("unsafe-inline"));
        Assert.That(page.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        Assert.That(page.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(page.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));

        var admin = await api.AdminAsync();
        var document = await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var routes = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("get", out _) && p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .Select(p => System.Text.RegularExpressions.Regex.Replace(p.Name, "{[^}]+}", Guid.NewGuid().ToString()))
            .ToList();
        Assert.That(routes, Has.Count.GreaterThan(20));
        foreach (var route in routes)
        {
            var response = await admin.GetAsync(route);
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, $"{route} ({(int)response.StatusCode}) may be cached");
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"), route);
        }
    }

    [Test]
    public async Task A_body_naming_a_member_twice_is_refused_and_stores_nothing()
    {
        var admin = await api.AdminAsync();
        var name = $"Twice {Guid.NewGuid():N}";
        var json = "{\"name\":\"" + name + "\",\"name\":\"Someone else\",\"kind\":\"Payer\"}";

        var response = await admin.PostAsync("/api/clients", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var clients = await admin.GetStringAsync("/api/clients");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(clients, Does.Not.Contain(name).And.Not.Contain("Someone else"));
    }

    private static async Task<Guid> Id(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
