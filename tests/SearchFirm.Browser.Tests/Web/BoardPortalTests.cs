using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace SearchFirm.Browser.Tests.Web;

/// <summary>
/// The committee's portal in Chromium, as a trustee uses it: from the e-mailed link to a submitted
/// assessment and the committee's views, on a desktop and on a phone, by keyboard, and what
/// outsiders meet. One firm for the fixture; each test invites its own members.
/// </summary>
[NonParallelizable]
public sealed class BoardPortalTests
{
    private BoardWorld world = default!;

    [OneTimeSetUp]
    public async Task OpenFirm()
    {
        Tools.RequireChromium();
        world = await BoardWorld.OpenAsync(3);
        await world.SettingsAsync("PerMemberWithMean", DateTimeOffset.UtcNow.AddDays(6));
    }

    [OneTimeTearDown]
    public async Task CloseFirm()
    {
        if (world is not null) await world.DisposeAsync();
    }

    private (Guid Id, string Name) First => world.Presented[0];

    [Test]
    public async Task A_member_follows_the_emailed_link_scores_and_then_sees_the_committees_views()
    {
        var (link, _) = await world.InviteAsync("Jane Doe");
        var pat = await world.BoardApiAsync("Pat Nurse");
        (await pat.PostAsJsonAsync($"/api/board/candidacies/{First.Id}/feedback", new { rating = 3, recommendation = "Hold", comment = "Pat-says-probe-the-payer-work" })).EnsureSuccessStatusCode();
        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/board");
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo(world.CodeName));
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("3 candidates to score").And.Contain("Decision due").And.Contain("days left"));
        await PageChecks.CheckAsync(page, "board-home");

        await page.GetByRole(AriaRole.Link, new() { Name = "Review and score the shortlist" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("The shortlist");
        var shortlist = await page.InnerTextAsync("main");
        Assert.That(world.Presented.Select(p => p.Name), Has.All.Matches<string>(name => shortlist.Contains(name, StringComparison.Ordinal)));
        Assert.That(shortlist, Does.Contain("Lakeside Health").And.Contain("matches the specification"));
        await PageChecks.CheckAsync(page, "board-shortlist");

        await page.GetByRole(AriaRole.Link, new() { Name = First.Name, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(First.Name);
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("Candidate brief").And.Contain("Prepared for Jane Doe".ToUpperInvariant()).IgnoreCase.Or.Contain("prepared for Jane Doe"));
        Assert.That(await page.ContentAsync(), Does.Not.Contain("Pat-says-probe-the-payer-work"), "blind first: nothing of a colleague before my own, not even in the HTML");
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("once you have submitted your own"));
        await PageChecks.CheckAsync(page, "board-candidate");

        await page.Locator("label[for='rating-4']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my assessment" }).ClickAsync();
        Assert.That(await page.Locator("#error-summary").InnerTextAsync(), Does.Contain("Choose a recommendation"), "the recommendation is missing");
        Assert.That(await page.Locator("#rating-4").IsCheckedAsync(), Is.True, "what was chosen is kept");
        Assert.That(await world.FeedbackCountAsync(First.Id), Is.EqualTo(1), "a refused form saves nothing (Pat's only)");
        await PageChecks.CheckAsync(page, "board-candidate-error");

        await page.GetByLabel("Advance: take this candidate to the next round").CheckAsync();
        await page.GetByLabel("Comment for the committee").FillAsync("Strong on quality; meet her.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my assessment" }).ClickAsync();
        await page.WaitForURLAsync("**saved=1");
        var after = await page.InnerTextAsync("main");
        Assert.That(after, Does.Contain("Your assessment is saved").And.Contain("Pat-says-probe-the-payer-work").And.Contain("4 of 5"));
        Assert.That(await world.FeedbackCountAsync(First.Id), Is.EqualTo(2));
        await PageChecks.CheckAsync(page, "board-candidate-scored");
    }

    [Test]
    public async Task Every_page_fits_a_360_pixel_phone()
    {
        var (link, _) = await world.InviteAsync("Maria Lopez");
        await using var context = await Chromium.ContextAsync(world.BaseUrl, phone: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/board");
        foreach (var (path, name) in new[] { ("/board", "board-home"), ("/board/shortlist", "board-shortlist"), ($"/board/candidates/{First.Id}", "board-candidate"), ($"/board/candidates/{First.Id}/conflict", "board-conflict") })
        {
            await page.GotoAsync(path);
            await PageChecks.AssertNoSidewaysScrollAsync(page, name);
            await PageChecks.CheckAsync(page, name);
        }
    }

    [Test]
    public async Task A_member_scores_with_the_keyboard_alone()
    {
        var (link, _) = await world.InviteAsync("Keyboard User");
        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/board");
        await page.GotoAsync($"/board/candidates/{world.Presented[1].CandidacyId}");

        await TabToAsync(page, "Input.Rating");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await TabToAsync(page, "Input.Recommendation");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "Input.Comment");
        await page.Keyboard.TypeAsync("Typed without a mouse.");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.textContent"), Is.EqualTo("Submit my assessment"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**saved=1");

        Assert.That(await page.InnerTextAsync("main"), Does.Contain("Your assessment is saved").And.Contain("Typed without a mouse."));
    }

    [Test]
    public async Task Outsiders_meet_the_not_found_page()
    {
        var other = await world.OtherSearchMemberLinkAsync();
        await using var stranger = await Chromium.ContextAsync(world.BaseUrl);
        var page = await stranger.NewPageAsync();
        await page.GotoAsync(other);
        await page.WaitForURLAsync("**/board");

        var foreign = await page.GotoAsync($"/board/candidates/{First.Id}");
        Assert.That(foreign!.Status, Is.EqualTo(404));
        Assert.That(await page.InnerTextAsync("h1"), Is.EqualTo("We could not find that page"));

        var nowhere = await page.GotoAsync("/board/no-such-page");
        Assert.That(nowhere!.Status, Is.EqualTo(404));
        Assert.That(await page.InnerTextAsync("h1"), Is.EqualTo("We could not find that page"), "an address no page answers gets the same friendly page");

        foreach (var token in new[] { await world.StaffTokenAsync(), await world.CandidateTokenAsync() })
        {
            await using var context = await Chromium.ContextAsync(world.BaseUrl);
            await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
            var visitor = await context.NewPageAsync();
            foreach (var path in new[] { "/board/shortlist", $"/board/candidates/{First.Id}" })
            {
                var response = await visitor.GotoAsync(path);
                Assert.That(response!.Status, Is.EqualTo(404), path);
                Assert.That(await visitor.InnerTextAsync("main"), Does.Contain("We could not find that page").And.Not.Contain(First.Name));
            }
        }
        await PageChecks.CheckAsync(page, "not-found");
    }

    [Test]
    public async Task A_used_link_explains_itself_and_offers_a_new_one_which_arrives_by_email()
    {
        var (link, email) = await world.InviteAsync("Second Tab");
        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/board");
        await using var later = await Chromium.ContextAsync(world.BaseUrl);
        var again = await later.NewPageAsync();

        await again.GotoAsync(link);
        await again.WaitForSelectorAsync("text=This sign-in link cannot be used");
        Assert.That(await again.InnerTextAsync("main"), Does.Contain("already been used"));
        await PageChecks.CheckAsync(again, "board-link-refused");
        await again.GetByLabel("Your e-mail address").FillAsync(email);
        await again.GetByRole(AriaRole.Button, new() { Name = "Send me a new link" }).ClickAsync();
        var known = await again.InnerTextAsync("main");
        var fresh = world.LinkFor(email);

        await again.GotoAsync("/board/new-link");
        await again.GetByLabel("Your e-mail address").FillAsync("nobody-here@mercy.example");
        await again.GetByRole(AriaRole.Button, new() { Name = "Send me a new link" }).ClickAsync();
        var unknown = await again.InnerTextAsync("main");

        Assert.That(fresh, Is.Not.EqualTo(link), "a new link was e-mailed");
        Assert.That(unknown, Is.EqualTo(known), "the same answer whether or not the address is on a committee");
        await again.GotoAsync(fresh);
        await again.WaitForURLAsync("**/board");
        Assert.That(await again.Locator("h1").InnerTextAsync(), Is.EqualTo(world.CodeName));
    }

    [Test]
    public async Task A_second_tab_does_not_overwrite_the_first_and_says_so()
    {
        var (link, _) = await world.InviteAsync("Two Tabs");
        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var first = await context.NewPageAsync();
        await first.GotoAsync(link);
        await first.WaitForURLAsync("**/board");
        var candidate = $"/board/candidates/{world.Presented[2].CandidacyId}";
        await first.GotoAsync(candidate);
        var second = await context.NewPageAsync();
        await second.GotoAsync(candidate);

        await ScoreAsync(first, 5, "Advance", "From the first tab");
        await first.WaitForURLAsync("**saved=1");
        await ScoreAsync(second, 1, "Decline", "From the second tab");

        Assert.That(await second.InnerTextAsync("main"), Does.Contain("saved meanwhile").And.Contain("From the first tab"));
        Assert.That(await world.CommentsAsync(world.Presented[2].CandidacyId), Does.Contain("From the first tab").And.Not.Contain("From the second tab"));
    }

    [Test]
    public async Task A_forged_post_without_the_antiforgery_token_is_refused_and_saves_nothing()
    {
        var (link, _) = await world.InviteAsync("Forged Post");
        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/board");
        var before = await world.FeedbackCountAsync(world.Presented[1].CandidacyId);

        var response = await context.APIRequest.PostAsync($"/board/candidates/{world.Presented[1].CandidacyId}", new()
        {
            Form = context.APIRequest.CreateFormData().Set("_handler", "assessment").Set("Input.Rating", "5").Set("Input.Recommendation", "Advance").Set("Input.Previous", ""),
        });

        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That(await world.FeedbackCountAsync(world.Presented[1].CandidacyId), Is.EqualTo(before));
    }

    [Test]
    public async Task A_conflict_of_interest_is_explained_before_it_is_declared()
    {
        var (link, _) = await world.InviteAsync("Conflicted Member");
        await using var context = await Chromium.ContextAsync(world.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/board");
        await page.GotoAsync($"/board/candidates/{First.Id}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Declare a conflict of interest" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Declare a conflict of interest");
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("you will no longer score this candidate"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare the conflict" }).ClickAsync();
        Assert.That(await page.Locator("#error-summary").IsVisibleAsync(), Is.True, "a declaration needs words");
        await PageChecks.CheckAsync(page, "board-conflict-error");
        await page.GetByLabel("What is the conflict?").FillAsync("We trained together at Ohio State.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare the conflict" }).ClickAsync();
        await page.WaitForURLAsync("**conflict=1");

        Assert.That(await page.InnerTextAsync("main"), Does.Contain("Your conflict of interest is recorded").And.Contain("so you do not score them"));
        Assert.That(await page.Locator("form[name='assessment'], button:has-text('Submit my assessment')").CountAsync(), Is.Zero);
    }

    [Test]
    public async Task After_the_deadline_everything_is_read_only_and_says_so()
    {
        await using var late = await BoardWorld.OpenAsync(1);
        var (link, _) = await late.InviteAsync("Late Reader");
        await late.PastDeadlineAsync();
        await using var context = await Chromium.ContextAsync(late.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.WaitForURLAsync("**/board");

        Assert.That(await page.InnerTextAsync("main"), Does.Contain("The decision deadline has passed"));
        await PageChecks.CheckAsync(page, "board-home-closed");
        await page.GotoAsync($"/board/candidates/{late.Presented[0].CandidacyId}");
        Assert.That(await page.InnerTextAsync("main"), Does.Contain("scoring is closed"));
        Assert.That(await page.GetByRole(AriaRole.Button, new() { Name = "Submit my assessment" }).CountAsync(), Is.Zero);
    }

    private static async Task ScoreAsync(IPage page, int rating, string recommendation, string comment)
    {
        await page.Locator($"label[for='rating-{rating}']").ClickAsync();
        await page.Locator($"input[name='Input.Recommendation'][value='{recommendation}']").CheckAsync();
        await page.GetByLabel("Comment for the committee").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my assessment" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private static async Task TabToAsync(IPage page, string name)
    {
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("document.activeElement && document.activeElement.name") == name) return;
        }
        Assert.Fail($"Tab never reached {name}.");
    }
}
