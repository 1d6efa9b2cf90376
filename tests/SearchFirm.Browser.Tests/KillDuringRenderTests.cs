using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace SearchFirm.Browser.Tests;

/// <summary>
/// Never lost, never twice, with a real process: the host is killed (with its browser) while a
/// brief is Rendering, started again on the same data directory, and the brief ends Ready with
/// exactly one stored PDF. The embedded default keeps Hangfire's queue in memory, so only the
/// start-up sweep can bring the brief back.
/// </summary>
[NonParallelizable]
public sealed class KillDuringRenderTests
{
    private const string AdminEmail = "admin@firm.test";
    private const string AdminPassword = "admin-password-for-kill-test";

    [Test]
    public async Task Killing_the_host_mid_render_and_starting_it_again_ends_Ready_with_one_pdf()
    {
        Tools.RequireChromium();
        var data = Path.Combine(Path.GetTempPath(), "searchfirm-kill-test", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var host = Start(data, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilUpAsync(http);
            var token = (await (await http.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword })).Content
                .ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var client = await IdAsync(await http.PostAsJsonAsync("/api/clients", new { name = "Mercy Health", kind = "HospitalOrHealthSystem" }));
            var search = await IdAsync(await http.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName = "Project Cedar" }));
            var candidate = await IdAsync(await http.PostAsJsonAsync("/api/candidates", new
            {
                firstName = "Amara", lastName = "Okafor", email = "amara@example.org", currentTitle = "Chief Quality Officer",
                education = new[] { new { degree = "MD", institution = "Northwestern", year = 2004 } },
            }));
            var candidacy = await IdAsync(await http.PostAsJsonAsync($"/api/searches/{search}/candidacies", new { candidateId = candidate }));

            var accepted = await http.PostAsJsonAsync($"/api/candidacies/{candidacy}/briefs", new { audience = "Internal" });
            var brief = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("briefId").GetGuid();
            var seen = await WaitForStatusAsync(http, brief, ["Rendering", "Ready"], TimeSpan.FromSeconds(60));
            Assume.That(seen, Is.EqualTo("Rendering"), "the render finished before the kill; nothing to recover");
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();

            host = Start(data, port);
            await WaitUntilUpAsync(http);
            var final = await WaitForStatusAsync(http, brief, ["Ready", "Failed"], TimeSpan.FromSeconds(120));
            var detail = await http.GetFromJsonAsync<JsonElement>($"/api/briefs/{brief}");

            Assert.That(final, Is.EqualTo("Ready"), detail.ToString());
            Assert.That(Directory.GetFiles(Path.Combine(data, "briefs"), "*.pdf"), Has.Length.EqualTo(1));
            Assert.That((await http.GetAsync($"/api/briefs/{brief}/pdf")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
            host.Dispose();
        }
    }

    private static Process Start(string data, int port)
    {
        var directory = TestContext.CurrentContext.TestDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(directory, "SearchFirm.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["SearchFirm__DataDirectory"] = data;
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }

            await Task.Delay(200);
        }

        Assert.Fail("The host did not start within a minute.");
    }

    private static async Task<string> WaitForStatusAsync(HttpClient http, Guid brief, string[] wanted, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var status = "";
        while (DateTime.UtcNow < until)
        {
            status = (await http.GetFromJsonAsync<JsonElement>($"/api/briefs/{brief}")).GetProperty("status").GetString()!;
            if (wanted.Contains(status)) return status;
            await Task.Delay(25);
        }

        return status;
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
