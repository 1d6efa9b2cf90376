using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Security;

/// <summary>Logs are shipped and kept; they must not hand anyone a password, a token, or who tried to sign in and failed.</summary>
public sealed class LogsKeepNoSecretsTests
{
    [Test]
    public async Task Signing_in_creating_users_and_failing_to_sign_in_log_no_password_token_or_failed_email()
    {
        var logs = new CapturedLogs();
        using var api = new ApiFactory { Logs = logs };
        var anonymous = api.CreateClient();
        var secrets = new List<string> { ApiFactory.AdminPassword };

        var admin = await api.AdminAsync();
        secrets.Add(admin.DefaultRequestHeaders.Authorization!.Parameter!);
        var staffPassword = "staff-" + Guid.NewGuid().ToString("N");
        var staffEmail = await CreateUserAsync(admin, staffPassword);
        secrets.Add(staffPassword);
        var staff = await api.SignInAsync(staffEmail, staffPassword);
        secrets.Add(staff.DefaultRequestHeaders.Authorization!.Parameter!);
        Assert.That((await staff.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await staff.DeleteAsync("/api/auth/token")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        // Failures: a wrong password for a real account, an unknown e-mail, an over-long password, a forged token.
        var victimEmail = await CreateUserAsync(admin, "victim-" + Guid.NewGuid().ToString("N"));
        var ghostEmail = $"ghost-{Guid.NewGuid():N}@firm.test";
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        var overLongPassword = "long-" + new string('x', 300);
        var forgedToken = "forged" + new string('f', 37);
        secrets.AddRange([victimEmail, ghostEmail, wrongPassword, overLongPassword, forgedToken]);
        Assert.That(await SignInStatusAsync(anonymous, victimEmail, wrongPassword), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await SignInStatusAsync(anonymous, ghostEmail, wrongPassword), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await SignInStatusAsync(anonymous, victimEmail, overLongPassword), Is.EqualTo(HttpStatusCode.BadRequest));
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forgedToken);
        Assert.That((await anonymous.GetAsync("/api/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        // Guards against passing because nothing was captured: the sign-in failures were logged, at Debug too.
        Assert.That(logs.Entries, Has.Some.Matches<string>(e => e.Contains("IssueToken", StringComparison.Ordinal) && e.Contains("refused", StringComparison.Ordinal)));
        Assert.That(logs.Entries, Has.Some.StartsWith("Debug"));
        Assert.That(secrets.SelectMany(secret => logs.Entries.Where(e => e.Contains(secret, StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{secret[..Math.Min(12, secret.Length)]}… in: {e}")), Is.Empty);
    }

    [Test]
    public async Task The_candidate_portal_logs_no_link_session_name_email_or_client_from_invitation_to_erasure()
    {
        var logs = new CapturedLogs();
        using var api = new ApiFactory { Logs = logs };
        var admin = await api.AdminAsync();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var clientName = $"Lakeside {unique}";
        var email = $"amara-{unique}@example.org";
        var client = await IdAsync(await admin.PostAsJsonAsync("/api/clients", new { name = clientName, kind = "HospitalOrHealthSystem" }));
        var search = await IdAsync(await admin.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName = $"Project {unique}" }));
        var candidate = await IdAsync(await admin.PostAsJsonAsync("/api/candidates", new { firstName = $"Amara{unique}", lastName = $"Okafor{unique}", email }));
        var candidacy = await IdAsync(await admin.PostAsJsonAsync($"/api/searches/{search}/candidacies", new { candidateId = candidate }));
        (await admin.PostAsJsonAsync($"/api/candidacies/{candidacy}/transitions", new { to = "Contacted", expectedVersion = 1 })).EnsureSuccessStatusCode();

        var portal = await api.CandidateAsync(admin, candidate);
        var link = api.PortalLinkToken(email);
        var session = portal.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.That((await api.CreateClient().PostAsJsonAsync("/api/portal/sessions", new { token = link })).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await portal.GetAsync("/api/portal/searches")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await portal.PostAsJsonAsync("/api/portal/erasure", new { confirm = true })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await portal.GetAsync("/api/portal/profile")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        Assert.That(logs.Entries, Has.Some.Matches<string>(e => e.Contains("OpenCandidateSession", StringComparison.Ordinal)), "something was captured");
        string[] secrets = [link, session, $"Amara{unique}", $"Okafor{unique}", email, clientName];
        Assert.That(secrets.SelectMany(secret => logs.Entries.Where(e => e.Contains(secret, StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{secret[..Math.Min(12, secret.Length)]}… in: {e}")), Is.Empty);
    }

    private static async Task<string> IdAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> CreateUserAsync(HttpClient admin, string password)
    {
        var email = $"user-{Guid.NewGuid():N}@firm.test";
        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Someone", role = "Recruiter", password });
        response.EnsureSuccessStatusCode();
        return email;
    }

    private static async Task<HttpStatusCode> SignInStatusAsync(HttpClient client, string email, string password) =>
        (await client.PostAsJsonAsync("/api/auth/token", new { email, password })).StatusCode;
}
