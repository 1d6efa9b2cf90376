using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchFirm.Api.Tests.Infrastructure;
using SearchFirm.Features.Documents;
using SearchFirm.Features.Housekeeping;
using SearchFirm.Tests.Documents;

namespace SearchFirm.Api.Tests.Hosting;

/// <summary>
/// A process killed in each of its write windows leaves files behind; after the candidate's erasure and
/// the sweep, nothing under the data directory names them any more.
/// </summary>
public sealed class LeftoversTests
{
    private const string FirstName = "Zenobia";
    private const string LastName = "Quillfeather";
    private const string Email = "zenobia.quillfeather@example.org";

    private static readonly TimeSpan AnHourAndMore = TimeSpan.FromMinutes(90);

    [Test]
    public async Task After_a_crash_in_every_write_window_an_erasure_and_the_sweep_leave_nothing_of_the_candidate()
    {
        using var api = new ApiFactory();
        var data = api.DataDirectory;
        var (_, _, partner) = await api.StaffAsync("Partner");
        var admin = await api.AdminAsync();
        var client = await IdAsync(await partner.PostAsJsonAsync("/api/clients", new { name = "Mercy Health", kind = "HospitalOrHealthSystem" }));
        var search = await IdAsync(await partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName = "Project Cedar" }));
        var candidate = await IdAsync(await partner.PostAsJsonAsync("/api/candidates", new { firstName = FirstName, lastName = LastName, email = Email, currentTitle = "Chief Quality Officer" }));
        var candidacy = await IdAsync(await partner.PostAsJsonAsync($"/api/searches/{search}/candidacies", new { candidateId = candidate }));
        (await partner.PostAsJsonAsync($"/api/candidacies/{candidacy}/transitions", new { to = "Contacted", expectedVersion = 1 })).EnsureSuccessStatusCode();
        using (var form = new MultipartFormDataContent { { new StringContent("Cv"), "kind" }, { new ByteArrayContent(Samples.Pdf($"{FirstName} {LastName}, CV")), "file", "cv.pdf" } })
            (await partner.PostAsync($"/api/candidates/{candidate}/documents", form)).EnsureSuccessStatusCode();
        (await partner.PostAsync($"/api/candidates/{candidate}/invitations", null)).EnsureSuccessStatusCode();
        var brief = (await (await partner.PostAsJsonAsync($"/api/candidacies/{candidacy}/briefs", new { audience = "Internal" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("briefId").GetGuid();
        // Someone else's mail and document, which must survive both.
        (await partner.PostAsJsonAsync($"/api/searches/{search}/committee", new { email = "chair@client.example", name = "Jane Doe" })).EnsureSuccessStatusCode();
        var other = await IdAsync(await partner.PostAsJsonAsync("/api/candidates", new { firstName = "Amara", lastName = "Okafor" }));
        using (var form = new MultipartFormDataContent { { new StringContent("Cv"), "kind" }, { new ByteArrayContent(Samples.Pdf("Amara Okafor, CV")), "file", "cv.pdf" } })
            (await partner.PostAsync($"/api/candidates/{other}/documents", form)).EnsureSuccessStatusCode();

        // What a process killed an hour ago left in each window, all of it naming the candidate.
        var cv = Encoding.UTF8.GetBytes($"%PDF-1.7 {FirstName} {LastName} <{Email}>");
        var options = api.Services.GetRequiredService<IOptions<DocumentOptions>>().Value;
        var briefs = Path.Combine(data, "briefs");
        Directory.CreateDirectory(briefs);
        var leftovers = new[]
        {
            Path.Combine(options.StagingDirectory, $"upload-{Guid.NewGuid():N}.tmp"),                      // killed mid-upload
            Path.Combine(briefs, $".{brief:N}-0123456789abcdef.pdf.{Guid.NewGuid():N}.tmp"),               // killed in the brief's write window
            Path.Combine(briefs, $".{Guid.NewGuid():N}-0123456789abcdef.pdf.{Guid.NewGuid():N}.tmp"),      // a shortlist book's, no longer known
            Path.Combine(briefs, $"{Guid.NewGuid():N}-0123456789abcdef.pdf"),                              // a render stored, never recorded
            Path.Combine(data, "mail", $".{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.tmp"), // killed writing an e-mail
        };
        foreach (var path in leftovers)
        {
            await File.WriteAllBytesAsync(path, cv);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow - AnHourAndMore);
        }

        // Killed between storing a document and committing its row.
        var orphanKey = await api.Services.GetRequiredService<IDocumentStorage>().SaveAsync(new MemoryStream(cv), CancellationToken.None);
        var orphan = Path.Combine(options.Directory, orphanKey);
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow - AnHourAndMore);
        // An upload under way now: too young to be anyone's leftover.
        var underWay = Path.Combine(options.StagingDirectory, $"upload-{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(underWay, "an upload being checked");
        Assert.That(FilesNaming(data), Is.Not.Empty, "the test reads what the product writes");

        (await admin.PostAsync($"/api/candidates/{candidate}/erasure", null)).EnsureSuccessStatusCode();

        Assert.That(FilesNaming(data).Where(f => f.StartsWith("searchfirm.db", StringComparison.Ordinal) || f.StartsWith("mail/", StringComparison.Ordinal)),
            Is.Empty, "the erasure itself empties the SQLite log and the pickup folder of them");

        var sweep = api.Services.GetRequiredService<SweepFilesJob>();
        var removed = await sweep.RunAsync(CancellationToken.None);
        var again = await sweep.RunAsync(CancellationToken.None);

        Assert.That(FilesNaming(data), Is.Empty, "every byte under the data directory");
        Assert.That(removed, Is.EqualTo(4), "the staging file, the unknown brief's .tmp, the unrecorded render and the orphan document "
            + "(the erasure took its brief's .tmp and the half-written e-mail to them)");
        Assert.That(again, Is.Zero, "safe to run twice");
        Assert.That(File.Exists(underWay), Is.True, "younger than the minimum age");
        Assert.That(Directory.GetFiles(Path.Combine(data, "mail"), "*.eml").Select(File.ReadAllText).Single(), Does.Contain("chair@client.example"));
        Assert.That(Directory.GetFiles(options.Directory, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1), "Amara Okafor's CV, which a row points at");
    }

    /// <summary>Files (relative paths) whose bytes hold the candidate's first or last name or address, in any case.</summary>
    private static List<string> FilesNaming(string directory)
    {
        string[] needles = [FirstName.ToLowerInvariant(), LastName.ToLowerInvariant(), Email.ToLowerInvariant()];
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path =>
            {
                var text = Encoding.Latin1.GetString(File.ReadAllBytes(path)).ToLowerInvariant();
                return needles.Any(n => text.Contains(n, StringComparison.Ordinal));
            })
            .Select(path => Path.GetRelativePath(directory, path))
            .ToList();
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
    }
}
