using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Briefs.Rendering;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Tests.Briefs;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class BriefsTests(DatabaseProvider provider) : BriefSlice(provider)
{
    private RecordingQueue queue = null!;
    private FakePrinter printer = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        queue = new RecordingQueue();
        printer = new FakePrinter();
        services.Replace(ServiceDescriptor.Singleton<IBriefQueue>(queue));
        services.Replace(ServiceDescriptor.Singleton<IPdfPrinter>(printer));
    }

    private async Task RunJobAsync(Guid briefId, BriefWorker? worker = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var job = worker is null
            ? scope.ServiceProvider.GetRequiredService<RenderBriefJob>()
            : ActivatorUtilities.CreateInstance<RenderBriefJob>(scope.ServiceProvider, worker);
        await job.RunAsync(briefId, CancellationToken.None);
    }

    private Task<BriefDetail> BriefAsync(Guid id) => SendAs(Recruiter, new GetBrief(id));

    private IBriefStore Store => Services.GetRequiredService<IBriefStore>();

    [Test]
    public async Task A_committee_brief_needs_the_candidates_consent_to_be_presented_to_this_client()
    {
        var (candidacyId, candidateId) = await AddCandidateAsync();

        var refused = Assert.ThrowsAsync<RuleViolationException>(() => SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId }));
        await GiveConsentAsync(candidateId);
        var accepted = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId });

        Assert.That(refused!.Code, Is.EqualTo("consent-required"));
        Assert.That(accepted.Status, Is.EqualTo(BriefStatus.Requested));
        Assert.That(queue.Enqueued, Is.EqualTo(new[] { accepted.BriefId }), "enqueued once, after the commit");
    }

    [Test]
    public async Task Withdrawn_consent_does_not_count_but_an_internal_brief_needs_none()
    {
        var (candidacyId, candidateId) = await AddCandidateAsync();
        await GiveConsentAsync(candidateId, withdrawnAt: DateTimeOffset.UtcNow);

        var refused = Assert.ThrowsAsync<RuleViolationException>(() => SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Committee }));
        var internalBrief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal });

        Assert.That(refused!.Code, Is.EqualTo("consent-required"));
        Assert.That((await BriefAsync(internalBrief.BriefId)).Audience, Is.EqualTo(BriefAudience.Internal));
    }

    [Test]
    public async Task The_same_inputs_give_the_same_brief_and_changed_inputs_a_new_one()
    {
        var (candidacyId, _) = await AddCandidateAsync();
        var request = new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal };

        var first = await SendAs(Recruiter, request);
        var again = await SendAs(Partner, request);
        await SendAs(Recruiter, new WriteBriefNotes { CandidacyId = candidacyId, Summary = "Rewritten after the second interview." });
        var changed = await SendAs(Recruiter, request);

        Assert.That(again.BriefId, Is.EqualTo(first.BriefId));
        Assert.That(changed.BriefId, Is.Not.EqualTo(first.BriefId));
        Assert.That(queue.Enqueued, Is.EqualTo(new[] { first.BriefId, changed.BriefId }), "the repeat renders nothing");
    }

    [Test]
    public async Task Someone_off_the_team_cannot_request_see_download_or_retry_a_brief()
    {
        var (candidacyId, _) = await AddCandidateAsync();
        var brief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal });

        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Outsider, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Outsider, new RequestShortlistBook { SearchId = SearchId, Audience = BriefAudience.Internal }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Outsider, new GetBrief(brief.BriefId)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Outsider, new GetBriefPdf(brief.BriefId)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Outsider, new RetryBrief(brief.BriefId)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Recruiter, new GetBrief(Guid.NewGuid())));
    }

    [Test]
    public async Task Rendering_makes_the_brief_Ready_with_one_stored_pdf_that_matches_its_hash_and_a_second_run_does_nothing()
    {
        var (candidacyId, _) = await AddCandidateAsync();
        var brief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal });

        await RunJobAsync(brief.BriefId);
        await RunJobAsync(brief.BriefId);

        var ready = await BriefAsync(brief.BriefId);
        var pdf = await SendAs(Recruiter, new GetBriefPdf(brief.BriefId));
        Assert.Multiple(() =>
        {
            Assert.That(ready.Status, Is.EqualTo(BriefStatus.Ready));
            Assert.That(ready.PageCount, Is.EqualTo(1));
            Assert.That(ready.PdfUrl, Is.EqualTo($"/api/briefs/{brief.BriefId}/pdf"));
            Assert.That(printer.Calls, Is.EqualTo(1), "the second run found the brief Ready");
            Assert.That(Store.Keys(brief.BriefId), Has.Count.EqualTo(1));
            Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf.Content)), Is.EqualTo(ready.Sha256));
            Assert.That(pdf.FileName, Does.StartWith("project-cedar-candidate-brief-"));
            Assert.That(printer.LastHtml, Does.Contain("Amara Okafor").And.Contain("HCAHPS"));
        });
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'ReadBrief' AND EntityId = @Id", new { Id = brief.BriefId })), Is.EqualTo(1));
    }

    [Test]
    public async Task A_pdf_is_not_served_before_the_brief_is_Ready()
    {
        var (candidacyId, _) = await AddCandidateAsync();
        var brief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal });

        var refused = Assert.ThrowsAsync<RuleViolationException>(() => SendAs(Recruiter, new GetBriefPdf(brief.BriefId)));

        Assert.That(refused!.Code, Is.EqualTo("brief-not-ready"));
    }

    [Test]
    public async Task A_failing_render_is_retried_then_marked_Failed_with_an_error_that_names_no_one_and_can_be_retried()
    {
        var (candidacyId, _) = await AddCandidateAsync();
        var brief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal });
        printer.Failure = new InvalidOperationException("could not lay out 'Amara Okafor, Chief Quality Officer at Lakeside Health'");

        Assert.ThrowsAsync<BriefRenderException>(() => RunJobAsync(brief.BriefId), "attempt 1: Hangfire retries");
        var between = await BriefAsync(brief.BriefId);
        Assert.ThrowsAsync<BriefRenderException>(() => RunJobAsync(brief.BriefId), "attempt 2");
        await RunJobAsync(brief.BriefId);
        var failed = await BriefAsync(brief.BriefId);

        Assert.That((between.Status, between.Attempts), Is.EqualTo((BriefStatus.Requested, 1)));
        Assert.That((failed.Status, failed.Attempts), Is.EqualTo((BriefStatus.Failed, 3)));
        Assert.That(failed.Error, Does.Contain("InvalidOperationException").And.Not.Contain("Amara").And.Not.Contain("Lakeside"));

        printer.Failure = null;
        var retried = await SendAs(Recruiter, new RetryBrief(brief.BriefId));
        await RunJobAsync(brief.BriefId);
        Assert.That(retried.Status, Is.EqualTo(BriefStatus.Requested));
        Assert.That((await BriefAsync(brief.BriefId)).Status, Is.EqualTo(BriefStatus.Ready));
        var refused = Assert.ThrowsAsync<RuleViolationException>(() => SendAs(Recruiter, new RetryBrief(brief.BriefId)));
        Assert.That(refused!.Code, Is.EqualTo("brief-ready"));
    }

    [Test]
    public async Task A_brief_left_Rendering_by_a_dead_process_is_swept_up_and_ends_Ready_with_exactly_one_pdf()
    {
        var (candidacyId, _) = await AddCandidateAsync();
        var brief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal });
        // The previous process claimed it, stored half its work, and was killed before marking it Ready.
        var dead = Guid.NewGuid();
        await Db(c => c.ExecuteAsync("UPDATE Briefs SET Status = 'Rendering', Attempts = 1, LeaseOwner = @Dead, LeaseUntil = @Until WHERE Id = @Id",
            new { Dead = dead, Until = DateTimeOffset.UtcNow.AddMinutes(5), Id = brief.BriefId }));
        await Store.SaveAsync(brief.BriefId, new string('a', 64), [1, 2, 3], CancellationToken.None);
        var enqueuedBefore = queue.Enqueued.Count;

        int swept;
        await using (var scope = Services.CreateAsyncScope())
            swept = await scope.ServiceProvider.GetRequiredService<SweepBriefsJob>().RunAsync(atStartup: true, CancellationToken.None);
        await RunJobAsync(brief.BriefId);

        Assert.That(swept, Is.EqualTo(1));
        Assert.That(queue.Enqueued.Skip(enqueuedBefore), Is.EqualTo(new[] { brief.BriefId }));
        Assert.That((await BriefAsync(brief.BriefId)).Status, Is.EqualTo(BriefStatus.Ready));
        Assert.That(Store.Keys(brief.BriefId), Has.Count.EqualTo(1), "the dead process's file is gone");
    }

    [Test]
    public async Task With_shared_storage_a_live_lease_of_another_worker_is_respected_until_it_expires()
    {
        var (candidacyId, _) = await AddCandidateAsync();
        var brief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal });
        var other = Guid.NewGuid();
        await Db(c => c.ExecuteAsync("UPDATE Briefs SET Status = 'Rendering', LeaseOwner = @Other, LeaseUntil = @Until WHERE Id = @Id",
            new { Other = other, Until = DateTimeOffset.UtcNow.AddMinutes(5), Id = brief.BriefId }));
        var shared = new BriefWorker(Guid.NewGuid(), SoleWorker: false);

        await RunJobAsync(brief.BriefId, shared);
        var whileLeased = await BriefAsync(brief.BriefId);
        await Db(c => c.ExecuteAsync("UPDATE Briefs SET LeaseUntil = @Past WHERE Id = @Id", new { Past = DateTimeOffset.UtcNow.AddMinutes(-1), Id = brief.BriefId }));
        await RunJobAsync(brief.BriefId, shared);

        Assert.That(whileLeased.Status, Is.EqualTo(BriefStatus.Rendering));
        Assert.That(printer.Calls, Is.EqualTo(1));
        Assert.That((await BriefAsync(brief.BriefId)).Status, Is.EqualTo(BriefStatus.Ready));
    }

    [Test]
    public async Task A_committee_brief_never_shows_compensation_even_when_the_candidate_agreed_it_may_be_shared()
    {
        var (candidacyId, candidateId) = await AddCandidateAsync();
        await GiveConsentAsync(candidateId);
        var changed = await Db(c => c.ExecuteAsync(
            "UPDATE Candidates SET CompensationJson = REPLACE(CompensationJson, '\"shareable\":false', '\"shareable\":true') WHERE Id = @candidateId AND CompensationJson LIKE '%\"shareable\":false%'",
            new { candidateId }));

        var committee = await ModelOf(await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId }));

        Assert.That(changed, Is.EqualTo(1), "the profile now says the candidate agreed");
        Assert.That(committee.Candidates[0].Compensation, Is.Null);
        Assert.That(committee.ToJson(), Does.Not.Contain("610000").And.Not.Contain("520000"));
    }

    [Test]
    public async Task A_brief_says_the_code_name_until_the_client_is_disclosed_and_shows_compensation_only_where_allowed()
    {
        var (candidacyId, candidateId) = await AddCandidateAsync();
        await GiveConsentAsync(candidateId);

        var committee = await ModelOf(await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId }));
        var internalBrief = await ModelOf(await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId, Audience = BriefAudience.Internal }));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(Recruiter, new ChangeBriefSettings { SearchId = SearchId, ClientDisclosed = true }));
        await SendAs(Partner, new ChangeBriefSettings { SearchId = SearchId, ClientDisclosed = true, CommitteeName = "the Board Search Committee" });
        var disclosed = await ModelOf(await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = candidacyId }));

        Assert.Multiple(() =>
        {
            Assert.That(committee.ClientName, Is.Null);
            Assert.That(committee.ToJson(), Does.Not.Contain(ClientName));
            Assert.That(committee.PreparedFor, Is.EqualTo("the Search Committee"));
            Assert.That(committee.Candidates[0].Compensation, Is.Null, "never compensation for the board");
            Assert.That(internalBrief.Candidates[0].Compensation!.ExpectedBase, Is.EqualTo(610_000m));
            Assert.That(disclosed.ClientName, Is.EqualTo(ClientName));
            Assert.That(disclosed.PreparedFor, Is.EqualTo("the Board Search Committee"));
            Assert.That(committee.Candidates[0].Ladder.Select(s => s.Reached), Is.EqualTo(new[] { true, true, true, false }));
            Assert.That(committee.Candidates[0].PostNominals, Is.EqualTo("MD, MBA"));
            Assert.That(committee.Candidates[0].AreasToProbe, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task The_committees_shortlist_book_holds_the_presented_candidates_strongest_first()
    {
        var empty = Assert.ThrowsAsync<RuleViolationException>(() => SendAs(Recruiter, new RequestShortlistBook { SearchId = SearchId }));
        var (amara, amaraCandidate) = await AddCandidateAsync();
        var (ben, benCandidate) = await AddCandidateAsync(Amara("Ben", "Alvarez") with { Education = [new("DO", null, 2010)], Credentials = [] });
        var (_, _) = await AddCandidateAsync(Amara("Chen", "Li"));
        await PresentAsync(amara, amaraCandidate);
        await PresentAsync(ben, benCandidate);

        var book = await ModelOf(await SendAs(Recruiter, new RequestShortlistBook { SearchId = SearchId }));
        var internalBook = await ModelOf(await SendAs(Recruiter, new RequestShortlistBook { SearchId = SearchId, Audience = BriefAudience.Internal }));

        Assert.That(empty!.Code, Is.EqualTo("shortlist-empty"));
        Assert.That(book.Kind, Is.EqualTo(BriefKind.ShortlistBook));
        Assert.That(book.Candidates.Select(c => c.Name), Is.EqualTo(new[] { "Amara Okafor", "Ben Alvarez" }));
        Assert.That(internalBook.Candidates, Has.Count.EqualTo(2), "Chen is only Identified");
    }

    private async Task<BriefModel> ModelOf(BriefAccepted accepted) =>
        BriefModel.FromJson(await Db(c => c.ExecuteScalarAsync<string>("SELECT ModelJson FROM Briefs WHERE Id = @Id", new { Id = accepted.BriefId }))
            ?? throw new InvalidOperationException("no brief"));
}
