using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Auth;

public sealed class SignInTests
{
    private ApiFactory api = null!;

    [OneTimeSetUp]
    public void Start() => api = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    [Test]
    public async Task The_first_admin_signs_in_and_sees_who_they_are()
    {
        var admin = await api.AdminAsync();

        var me = await admin.GetFromJsonAsync<JsonElement>("/api/me");

        Assert.That(me.GetProperty("email").GetString(), Is.EqualTo(ApiFactory.AdminEmail));
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("Admin"));
    }

    [Test]
    public async Task A_wrong_password_is_401_in_problem_details()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = ApiFactory.AdminEmail, password = "not-the-password" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Repeated_failures_for_one_account_are_rate_limited()
    {
        var (_, email, _) = await api.StaffAsync("Recruiter");
        var client = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/token", new { email, password = "wrong-password-" + i })).StatusCode);

        var blocked = await client.PostAsJsonAsync("/api/auth/token", new { email, password = ApiFactory.StaffPassword });

        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(statuses.Skip(5), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "even the right password waits out the window");
        Assert.That(blocked.Headers.RetryAfter, Is.Not.Null);
    }

    [Test]
    public async Task Without_a_token_or_with_a_made_up_one_every_api_route_is_401()
    {
        var anonymous = api.CreateClient();
        var forged = api.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new string('x', 43));

        Assert.That((await anonymous.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await forged.GetAsync("/api/searches")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_revoked_token_stops_working()
    {
        var (_, _, client) = await api.StaffAsync("Partner");

        var signOut = await client.DeleteAsync("/api/auth/token");

        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Disabling_an_account_stops_its_tokens_at_once()
    {
        var (id, _, client) = await api.StaffAsync("Recruiter");
        Assert.That((await client.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var admin = await api.AdminAsync();

        var disable = await admin.PutAsJsonAsync($"/api/users/{id}/enabled", new { enabled = false });

        Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Only_an_admin_creates_users()
    {
        var (_, _, partner) = await api.StaffAsync("Partner");

        var response = await partner.PostAsJsonAsync("/api/users", new { email = "x@firm.test", displayName = "X", role = "Admin", password = "long-enough-password" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_new_user_is_where_its_location_says()
    {
        var admin = await api.AdminAsync();
        var email = $"new-{Guid.NewGuid():N}@firm.test";

        var created = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "New Colleague", role = "Recruiter", password = "long-enough-password" });
        var user = await admin.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        var missing = await admin.GetAsync($"/api/users/{Guid.NewGuid()}");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((user.GetProperty("email").GetString(), user.GetProperty("role").GetString()), Is.EqualTo((email, "Recruiter")));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Health_and_the_openapi_document_answer_anonymously()
    {
        var client = api.CreateClient();

        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.That(openApi.GetProperty("paths").TryGetProperty("/api/searches/{id}", out _), Is.True);
    }
}
