using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SearchFirm.Api.Tests.Infrastructure;

/// <summary>
/// The real host over HTTP on its embedded default, in a fresh data directory, with a known first admin.
/// One per fixture: tests in a fixture share the database, so each names what it creates uniquely.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@firm.test";
    public const string AdminPassword = "admin-password-for-tests";
    public const string StaffPassword = "staff-password-for-tests";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "searchfirm-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Runs Hangfire's workers in the host (briefs render, e-mail goes out by itself); off by default.</summary>
    public bool BackgroundJobs { get; init; }

    /// <summary>When set, receives every log entry of every category at every level.</summary>
    public CapturedLogs? Logs { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("SearchFirm:DataDirectory", DataDirectory);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Hangfire:Server", BackgroundJobs ? "true" : "false");
        // Password hashing is deliberately slow (PBKDF2, 100,000 rounds); tests that make many
        // accounts use few rounds. Verification reads the rounds from each stored hash.
        builder.ConfigureServices(s => s.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));
        if (Logs is not null)
            // A rule for this provider alone beats appsettings' levels, which would hide Debug and Trace.
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignInAsync(AdminEmail, AdminPassword);

    /// <summary>Creates a member of staff through the API and returns their id, e-mail and a signed-in client.</summary>
    public async Task<(Guid Id, string Email, HttpClient Client)> StaffAsync(string role)
    {
        var admin = await AdminAsync();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@firm.test";
        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = $"{role} {email[..12]}", role, password = StaffPassword });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<IdBody>();
        return (created!.Id, email, await SignInAsync(email, StaffPassword));
    }

    /// <summary>
    /// Invites the candidate as <paramref name="team"/>, finds the link in the newest .eml addressed to
    /// them in the pickup folder, and exchanges it: a client signed in to the candidate portal.
    /// </summary>
    public async Task<HttpClient> CandidateAsync(HttpClient team, string candidateId)
    {
        (await team.PostAsync($"/api/candidates/{candidateId}/invitations", null)).EnsureSuccessStatusCode();
        var candidate = await team.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/candidates/{candidateId}");
        var token = PortalLinkToken(candidate.GetProperty("email").GetString()!);
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/portal/sessions", new { token });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session!.AccessToken);
        return client;
    }

    /// <summary>
    /// Invites a committee member to the search as <paramref name="team"/> (with <paramref name="role"/>
    /// if given), exchanges the e-mailed link: a client signed in to the board routes, and the member's id.
    /// </summary>
    public async Task<(HttpClient Board, Guid MemberId)> BoardMemberAsync(HttpClient team, Guid searchId, string name = "Jane Doe", string? role = null)
    {
        var email = $"board-{Guid.NewGuid():N}@client.example";
        var invited = await team.PostAsJsonAsync($"/api/searches/{searchId}/committee", role is null ? new { email, name } : (object)new { email, name, role });
        invited.EnsureSuccessStatusCode();
        var memberId = (await invited.Content.ReadFromJsonAsync<IdBody>())!.Id;
        var message = new DirectoryInfo(Path.Combine(DataDirectory, "mail")).GetFiles("*.eml").Select(f => File.ReadAllText(f.FullName))
            .Single(m => m.Contains(email, StringComparison.OrdinalIgnoreCase));
        var token = Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(message, @"board/sign-in\?token=(?<token>[A-Za-z0-9_%\-]+)").Groups["token"].Value);
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/board/sessions", new { token });
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken);
        return (client, memberId);
    }

    /// <summary>The link token in the newest portal invitation (.eml in the pickup folder) to <paramref name="email"/>.</summary>
    public string PortalLinkToken(string email)
    {
        var message = new DirectoryInfo(Path.Combine(DataDirectory, "mail")).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name)
            .Select(f => File.ReadAllText(f.FullName)).Last(m => m.Contains(email, StringComparison.OrdinalIgnoreCase) && m.Contains("/portal/sign-in", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(message, @"portal/sign-in\?token=(?<token>[A-Za-z0-9_%\-]+)");
        return Uri.UnescapeDataString(match.Groups["token"].Value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);

    public sealed record IdBody(Guid Id);
}
