using System.Net;
using System.Net.Http.Json;
using SearchFirm.Tests.Documents;
using Microsoft.Playwright;

namespace SearchFirm.Browser.Tests.Web;

/// <summary>
/// The candidate portal in Chromium, phone first, as a physician uses it between cases: from the
/// e-mailed link through consent, withdrawal and "forget me"; and what outsiders meet.
/// </summary>
[NonParallelizable]
public sealed class CandidatePortalTests
{
    private BoardWorld world = default!;

    [OneTimeSetUp]
    public async Task OpenFirm()
    {
        Tools.RequireChromium();
        world = await BoardWorld.OpenAsync(1);
    }

    [OneTimeTearDown]
    public async Task CloseFirm()
    {
        if (world is not null) await world.DisposeAsync();
    }

    [Test]
    public async Task A_physician_consents_withdraws_and_is_forgotten_from_a_phone()
    {
        var (candidateId, candidacyId, link) = await world.ShortlistedCandidateAsync("Nadia", "Farouk");
        await using var context = await Chromium.ContextAsync(world.BaseUrl, phone: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/portal");
        var home = await page.InnerTextAsync("main");
        Assert.That(home, Does.Contain(world.CodeName).And.Contain("Our team is considering you for this role").And.Contain("consent"));
        Assert.That(home, Does.Not.Contain("Mercy Health"), "the client is not named before the team discloses it");
        await Check(page, "portal-home");

        await page.GetByRole(AriaRole.Link, new() { Name = world.CodeName }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(world.CodeName);
        await Check(page, "portal-search");
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree to be presented to this client" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your consent is recorded");
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("You gave your consent on"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your consent is withdrawn");

        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw from this search" }).ClickAsync();
        Assert.That(await page.Locator("#error-summary").InnerTextAsync(), Does.Contain("Choose why you are stepping back"));
        await Check(page, "portal-search-error");
        Assert.That((await world.CandidacyAsync(candidacyId)).GetProperty("stage").GetString(), Is.EqualTo("Shortlisted"), "a refused form changes nothing");
        await page.GetByLabel("The timing is wrong for me").CheckAsync();
        await page.GetByLabel("Anything you would like the team to know").FillAsync("Happy to talk again next year.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw from this search" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have withdrawn from this search");
        Assert.That((await world.CandidacyAsync(candidacyId)).GetProperty("stage").GetString(), Is.EqualTo("Withdrawn"));

        await page.GotoAsync("/portal/privacy");
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("How long we keep it").And.Contain("2 years"));
        await Check(page, "portal-privacy");

        await page.GotoAsync("/portal/forget-me");
        await page.GetByLabel("To confirm, type forget me").FillAsync("forget");
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase my data" }).ClickAsync();
        Assert.That(await page.Locator("#error-summary").InnerTextAsync(), Does.Contain("Nothing has been erased"));
        Assert.That(await page.Locator("#confirmation").InputValueAsync(), Is.EqualTo("forget"), "what was typed is kept");
        Assert.That((await world.CandidateAsTeamAsync(candidateId)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Check(page, "portal-forget-me-error");
        await page.GetByLabel("To confirm, type forget me").FillAsync("forget me");
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase my data" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your data is erased");
        await Check(page, "portal-forgotten");

        var after = await page.GotoAsync("/portal");
        Assert.That(after!.Status, Is.EqualTo(404), "the session ended with the erasure");
        var erased = await world.CandidateAsTeamAsync(candidateId);
        Assert.That(await erased.Content.ReadAsStringAsync(), Does.Not.Contain("Nadia").And.Not.Contain("Farouk"));
    }

    [Test]
    public async Task Another_candidates_search_and_other_faces_sessions_meet_not_found()
    {
        var (_, candidacyId, link) = await world.ShortlistedCandidateAsync("Omar", "Haddad");
        var (lenaId, _, other) = await world.ShortlistedCandidateAsync("Lena", "Park");
        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(other);
        await page.WaitForURLAsync("**/portal");

        var foreign = await page.GotoAsync($"/portal/searches/{candidacyId}");
        Assert.That(foreign!.Status, Is.EqualTo(404));
        Assert.That(await page.InnerTextAsync("h1"), Is.EqualTo("We could not find that page"));

        await using var staff = await Chromium.ContextAsync(world.BaseUrl);
        await staff.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {await world.StaffTokenAsync()}" });
        var visitor = await staff.NewPageAsync();
        Assert.That((await visitor.GotoAsync("/portal"))!.Status, Is.EqualTo(404));
        Assert.That((await visitor.GotoAsync($"/portal/searches/{candidacyId}"))!.Status, Is.EqualTo(404));

        await using var used = await Chromium.ContextAsync(world.BaseUrl);
        var again = await used.NewPageAsync();
        await again.GotoAsync(other);
        await again.WaitForSelectorAsync("text=This sign-in link cannot be used");
        Assert.That(await again.InnerTextAsync("main"), Does.Contain("already been used"));
        await PageChecks.CheckAsync(again, "portal-link-refused");
        var email = await world.CandidateEmailAsync(lenaId);
        await again.GetByLabel("Your e-mail address").FillAsync(email);
        await again.GetByRole(AriaRole.Button, new() { Name = "Send me a new link" }).ClickAsync();
        var known = await again.InnerTextAsync("main");
        await again.GotoAsync("/portal/new-link");
        await again.GetByLabel("Your e-mail address").FillAsync("not-a-candidate@example.org");
        await again.GetByRole(AriaRole.Button, new() { Name = "Send me a new link" }).ClickAsync();
        Assert.That(await again.InnerTextAsync("main"), Is.EqualTo(known), "the same answer whether or not the address is known");
        var fresh = world.PortalLinkFor(email);
        Assert.That(fresh, Is.Not.EqualTo(other));
        await again.GotoAsync(fresh);
        await again.WaitForURLAsync("**/portal");
        Assert.That(await again.InnerTextAsync("h1"), Is.EqualTo("Welcome"));
        _ = link;
    }

    [Test]
    public async Task Three_files_at_once_two_stored_one_refused_in_words_and_the_team_sees_the_two()
    {
        var (candidateId, _, link) = await world.ShortlistedCandidateAsync("Ines", "Moreau");
        await using var context = await Chromium.ContextAsync(world.BaseUrl, phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/portal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Share your CV, references or licenses with the team" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your documents");
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("PDF, Word (.docx) or plain text, up to 10 MB each"), "the rules before the upload");
        await Check(page, "portal-documents");

        await page.GetByLabel("Files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "cv.pdf", MimeType = "application/pdf", Buffer = Samples.Pdf("Ines Moreau, MD") },
            new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Samples.Text("Ines Moreau — references available on request\n") },
            new FilePayload { Name = "setup.exe", MimeType = "application/octet-stream", Buffer = Samples.WindowsExecutable() },
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("#upload-result")).ToContainTextAsync("setup.exe: not stored.");
        var result = await page.InnerTextAsync("#upload-result");
        Assert.That(result, Does.Contain("cv.pdf: stored.").And.Contain("notes.txt: stored.").And.Contain("Programs and scripts are not accepted"));
        await Check(page, "portal-documents-uploaded");

        var stored = await world.Partner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/candidates/{candidateId}/documents");
        Assert.That(stored.EnumerateArray().Select(d => d.GetProperty("fileName").GetString()), Is.EquivalentTo(new[] { "cv.pdf", "notes.txt" }));
    }

    [Test]
    public async Task A_profile_edit_adds_a_position_without_javascript_and_a_stale_edit_loses_nothing()
    {
        var (candidateId, _, link) = await world.ShortlistedCandidateAsync("Ruth", "Adeyemi");
        await using var noScript = await Chromium.ContextAsync(world.BaseUrl, javaScript: false);
        var plain = await noScript.NewPageAsync();
        await plain.GotoAsync(link);
        await plain.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await plain.GotoAsync("/portal/profile");
        await plain.GetByRole(AriaRole.Button, new() { Name = "Add a position" }).ClickAsync();
        Assert.That(await plain.GetByRole(AriaRole.Group, new() { Name = "Position 1" }).CountAsync(), Is.EqualTo(1), "a group is added without JavaScript");
        await plain.GetByRole(AriaRole.Button, new() { Name = "Remove position 1" }).ClickAsync();
        Assert.That(await plain.GetByRole(AriaRole.Group, new() { Name = "Position 1" }).CountAsync(), Is.Zero, "and removed");

        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(await world.InviteAgainAsync(candidateId));
        await page.WaitForURLAsync("**/portal");
        await page.GotoAsync("/portal/profile");
        await Check(page, "portal-profile");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a position" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Chief Quality Officer");
        await page.GetByLabel("Organization", new() { Exact = true }).FillAsync("Lakeshore Health");
        await page.GetByLabel("Level").SelectOptionAsync("ChiefQualityOfficer");
        await page.GetByLabel("From (year and month)").FillAsync("2019-03");
        await page.GetByLabel("First name").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        Assert.That(await page.Locator("#error-summary a[href='/portal/profile#firstname']").CountAsync(), Is.EqualTo(1), "the summary links to the field");
        Assert.That(await page.GetByLabel("Title", new() { Exact = true }).InputValueAsync(), Is.EqualTo("Chief Quality Officer"), "nothing typed is lost");
        await Check(page, "portal-profile-error");
        var unchanged = await world.Partner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/candidates/{candidateId}");
        Assert.That(unchanged.GetProperty("firstName").GetString(), Is.EqualTo("Ruth"));

        var other = await context.NewPageAsync();
        await other.GotoAsync("/portal/profile");
        await other.GetByLabel("Phone").FillAsync("+1 614 555 0101");
        await other.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Ruth");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("Your profile was changed while you were editing").And.Contain("+1 614 555 0101"));
        Assert.That(await page.GetByLabel("Title", new() { Exact = true }).InputValueAsync(), Is.EqualTo("Chief Quality Officer"));
        await Check(page, "portal-profile-stale");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("Your profile is saved"));

        var saved = await world.Partner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/candidates/{candidateId}");
        Assert.That(saved.GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("organisation").GetString()), Does.Contain("Lakeshore Health"));
    }

    private static async Task Check(IPage page, string name)
    {
        await PageChecks.AssertNoSidewaysScrollAsync(page, name);
        await PageChecks.CheckAsync(page, name);
    }
}
