using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Api.Tests.Infrastructure;
using SearchFirm.Features.Briefs;
using SearchFirm.Tests.Documents;

namespace SearchFirm.Api.Tests.Hosting;

/// <summary>What another user of the server could read in the data directory: nothing.</summary>
[NonParallelizable]
public sealed partial class DataDirectoryTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);

    [Test]
    public async Task Everything_the_app_writes_is_owner_only_even_under_a_permissive_umask()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("Unix file modes only.");
        // 000: whatever the app does not ask for explicitly would be readable and writable by everyone.
        var previous = Umask(0);
        try
        {
            using var api = new ApiFactory();
            var (_, _, partner) = await api.StaffAsync("Partner");
            var client = await IdAsync(await partner.PostAsJsonAsync("/api/clients", new { name = "Mercy Health", kind = "HospitalOrHealthSystem" }));
            var search = await IdAsync(await partner.PostAsJsonAsync("/api/searches", new { clientId = client, title = "Chief Medical Officer", codeName = "Project Cedar" }));
            var candidate = await IdAsync(await partner.PostAsJsonAsync("/api/candidates", new { firstName = "Amara", lastName = "Okafor", email = "amara@example.org" }));
            var candidacy = await IdAsync(await partner.PostAsJsonAsync($"/api/searches/{search}/candidacies", new { candidateId = candidate }));
            (await partner.PostAsJsonAsync($"/api/candidacies/{candidacy}/transitions", new { to = "Contacted", expectedVersion = 1 })).EnsureSuccessStatusCode();
            using var form = new MultipartFormDataContent { { new StringContent("Cv"), "kind" }, { new ByteArrayContent(Samples.Pdf()), "file", "cv.pdf" } };
            (await partner.PostAsync($"/api/candidates/{candidate}/documents", form)).EnsureSuccessStatusCode();
            (await partner.PostAsync($"/api/candidates/{candidate}/invitations", null)).EnsureSuccessStatusCode();
            await api.Services.GetRequiredService<IBriefStore>().SaveAsync(Guid.NewGuid(), new string('a', 64), Samples.Pdf(), CancellationToken.None);

            var entries = new DirectoryInfo(api.DataDirectory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Append(new DirectoryInfo(api.DataDirectory)).ToList();
            var names = entries.Select(e => Path.GetRelativePath(api.DataDirectory, e.FullName)).ToList();
            // The test covers every kind of file the app keeps.
            Assert.That(names, Is.SupersetOf(new[] { "searchfirm.db", "searchfirm.db-wal", "searchfirm.db-shm", "tmp" }));
            foreach (var folder in new[] { "mail/", "documents/", "briefs/" })
                Assert.That(names, Has.Some.StartsWith(folder));
            Assert.Multiple(() =>
            {
                foreach (var entry in entries)
                {
                    var expected = entry is DirectoryInfo ? OwnerOnlyDirectory : OwnerOnlyFile;
                    Assert.That(entry.UnixFileMode, Is.EqualTo(expected), Path.GetRelativePath(api.DataDirectory, entry.FullName));
                }
            });
        }
        finally
        {
            Umask(previous);
        }
    }

    [Test]
    public void The_app_refuses_to_start_in_a_data_directory_others_can_read_and_says_how_to_fix_it()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Unix file modes only.");
            return;
        }

        using var api = new ApiFactory();
        // 0755, as mkdir makes it under the usual umask.
        Directory.CreateDirectory(api.DataDirectory);
        File.SetUnixFileMode(api.DataDirectory, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var refusal = Assert.Catch(() => api.CreateClient())!;

        Assert.That(refusal.ToString(), Does.Contain($"chmod -R go-rwx '{api.DataDirectory}'"));
        Assert.That(File.Exists(Path.Combine(api.DataDirectory, "searchfirm.db")), Is.False, "nothing was written before the refusal");
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
    }
}
