using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;

namespace SearchFirm.Api.Tests.Committee;

/// <summary>The committee as a decision tool over HTTP: settings, roles, a conflict, the deadline.</summary>
public sealed partial class BriefsAndBoardApiTests
{
    [Test]
    public async Task A_committee_decides_by_the_partners_rules_over_http()
    {
        var world = await OpenSearchAsync();
        await PresentAsync(world);
        var deadline = DateTimeOffset.UtcNow.AddDays(10);
        var settings = await world.Partner.PutAsJsonAsync($"/api/searches/{world.SearchId}/committee/settings", new { resultsDisplay = "TotalsOnly", decisionDeadline = deadline });
        var (chair, _) = await api.BoardMemberAsync(world.Partner, world.SearchId, "Jane Doe");
        var (cno, cnoId) = await api.BoardMemberAsync(world.Partner, world.SearchId, "Pat Nurse", role: "Advisory");
        var (conflicted, _) = await api.BoardMemberAsync(world.Partner, world.SearchId, "Sam Reed");
        var feedback = $"/api/board/candidacies/{world.CandidacyId}/feedback";

        var shortlist = await chair.GetFromJsonAsync<JsonElement>($"/api/board/searches/{world.SearchId}/shortlist");
        (await chair.PostAsJsonAsync(feedback, new { rating = 5, recommendation = "Advance" })).EnsureSuccessStatusCode();
        (await cno.PostAsJsonAsync(feedback, new { rating = 2, recommendation = "Decline" })).EnsureSuccessStatusCode();
        var declared = await conflicted.PostAsJsonAsync($"/api/board/candidacies/{world.CandidacyId}/conflict-of-interest", new { description = "She reported to me at Lakeside." });
        var refused = await conflicted.PostAsJsonAsync(feedback, new { rating = 4, recommendation = "Advance" });
        var seen = await chair.GetFromJsonAsync<JsonElement>(feedback);
        var promoted = await world.Partner.PutAsJsonAsync($"/api/searches/{world.SearchId}/committee/members/{cnoId}/role", new { role = "Voting" });
        var report = await world.Partner.GetFromJsonAsync<JsonElement>($"/api/searches/{world.SearchId}/committee/feedback");

        await using (var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenAsync())
            await connection.ExecuteAsync("UPDATE Searches SET DecisionDeadline = @Past WHERE Id = @Id", new { Past = DateTimeOffset.UtcNow.AddMinutes(-5), Id = world.SearchId });
        var late = await chair.PostAsJsonAsync(feedback, new { rating = 4, recommendation = "Hold" });

        Assert.That(settings.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(shortlist.GetProperty("decisionDeadline").GetDateTimeOffset(), Is.EqualTo(deadline).Within(TimeSpan.FromSeconds(1)));
        Assert.That(shortlist.GetProperty("yourRole").GetString(), Is.EqualTo("Voting"));
        Assert.That(declared.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await Problem(refused)).GetProperty("code").GetString(), Is.EqualTo("conflict-of-interest-declared"));
        Assert.That(seen.GetProperty("resultsDisplay").GetString(), Is.EqualTo("TotalsOnly"));
        Assert.That(seen.GetProperty("colleagues").ValueKind, Is.EqualTo(JsonValueKind.Null), "totals only: nobody's own feedback");
        Assert.That(seen.GetProperty("totals").GetProperty("responses").GetInt32(), Is.EqualTo(1), "the advisory member is not counted");
        Assert.That(promoted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var candidate = report.GetProperty("candidates")[0];
        Assert.That(candidate.GetProperty("recommendations").GetProperty("Decline").GetInt32(), Is.EqualTo(1), "Pat votes now");
        Assert.That(candidate.GetProperty("conflicts")[0].GetProperty("description").GetString(), Is.EqualTo("She reported to me at Lakeside."));
        Assert.That(report.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("respondedBeforeDeadline").GetBoolean()), Has.All.True,
            "two answered in time; the recused member had nothing left to answer");
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await Problem(late)).GetProperty("code").GetString(), Is.EqualTo("deadline-passed"));
    }

    [Test]
    public async Task A_member_of_another_search_and_an_unpresented_candidacy_are_404()
    {
        var world = await OpenSearchAsync();
        var other = await OpenSearchAsync();
        var (member, _) = await api.BoardMemberAsync(world.Partner, world.SearchId);
        var (_, stranger) = await api.BoardMemberAsync(other.Partner, other.SearchId);

        var role = await world.Partner.PutAsJsonAsync($"/api/searches/{world.SearchId}/committee/members/{stranger}/role", new { role = "Advisory" });
        var conflict = await member.PostAsJsonAsync($"/api/board/candidacies/{world.CandidacyId}/conflict-of-interest", new { description = "Cousin." });
        var staff = await world.Partner.PostAsJsonAsync($"/api/board/candidacies/{world.CandidacyId}/conflict-of-interest", new { description = "Cousin." });

        Assert.That((role.StatusCode, conflict.StatusCode, staff.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized)));
    }
}
