using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Network;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;
using SearchFirm.Features.Documents;
using SearchFirm.Features.Network;
using SearchFirm.Features.Portal;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Portal;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class ErasureTests(DatabaseProvider provider) : PortalSlice(provider)
{
    private string DocumentsDirectory => Services.GetRequiredService<IOptions<DocumentOptions>>().Value.Directory;

    /// <summary>A CV on disk, a candidate brief and a shortlist book rendered to PDF, a portal session.</summary>
    private async Task<(IReadOnlyList<Guid> Briefs, string Session)> DocumentedAsync()
    {
        var options = Services.GetRequiredService<IOptions<DocumentOptions>>().Value;
        await using (var staged = await StagedUpload.CreateAsync(new MemoryStream("Amara Okafor, MD, MBA"u8.ToArray()), "cv.txt", options.MaxBytes, options.StagingDirectory, CancellationToken.None))
            await SendAs(Recruiter, new UploadDocument(CandidateId, DocumentKind.Cv, staged));
        await GiveConsentAsync(CandidateId);
        await SendAs(Recruiter, new TransitionCandidacy { CandidacyId = CandidacyId, To = Stage.PresentedToClient, ExpectedVersion = 2 });
        var brief = await SendAs(Recruiter, new RequestCandidateBrief { CandidacyId = CandidacyId, Audience = BriefAudience.Internal });
        var book = await SendAs(Recruiter, new RequestShortlistBook { SearchId = SearchId, Audience = BriefAudience.Internal });
        foreach (var id in new[] { brief.BriefId, book.BriefId })
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RenderBriefJob>().RunAsync(id, CancellationToken.None);
        }

        var session = await SendAs(null, new OpenCandidateSession(await InviteAsync()));
        return ([brief.BriefId, book.BriefId], session.AccessToken);
    }

    [Test]
    public async Task Erasure_leaves_no_personal_data_in_the_row_the_index_the_files_or_the_briefs_and_keeps_a_tombstone()
    {
        var (briefs, session) = await DocumentedAsync();
        var store = Services.GetRequiredService<IBriefStore>();
        Assert.That(briefs.SelectMany(store.Keys).ToList(), Has.Count.EqualTo(2), "the PDFs were rendered");
        Assert.That(Directory.GetFiles(DocumentsDirectory, "*", SearchOption.AllDirectories), Is.Not.Empty);
        var admin = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Admin);

        var receipt = await SendAs(admin, new EraseCandidate(CandidateId));

        Assert.That((receipt.DocumentsDeleted, receipt.BriefsDeleted), Is.EqualTo((1, 2)));
        var row = await Db(c => c.QuerySingleAsync<string>(
            "SELECT FirstName || '|' || LastName || '|' || COALESCE(Email, '') || '|' || COALESCE(Phone, '') || '|' || COALESCE(Location, '') || '|' || COALESCE(CurrentTitle, '') || '|' || COALESCE(CurrentEmployer, '') || '|' || COALESCE(CompensationJson, '') || '|' || ProfileJson FROM Candidates WHERE Id = @CandidateId",
            new { CandidateId }));
        Assert.That(row, Does.Not.Contain("Amara").And.Not.Contain("Okafor").And.Not.Contain("Lakeside").And.Not.Contain("Chicago").And.Not.Contain("Northwestern"));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Count("SELECT COUNT(*) FROM CandidateSearch WHERE CandidateId = @CandidateId"), Is.Zero, "FTS row");
            Assert.That(await Count("SELECT COUNT(*) FROM CandidateFacets WHERE CandidateId = @CandidateId"), Is.Zero, "facets");
            Assert.That(await Count("SELECT COUNT(*) FROM CandidateDocuments WHERE CandidateId = @CandidateId"), Is.Zero, "document rows");
            Assert.That(await Count("SELECT COUNT(*) FROM Consents WHERE CandidateId = @CandidateId"), Is.Zero, "consents");
            Assert.That(await Count("SELECT COUNT(*) FROM Briefs"), Is.Zero, "brief rows");
            Assert.That(await Count("SELECT COUNT(*) FROM BriefNotes"), Is.Zero, "the team's notes about them");
            Assert.That(await Count("SELECT COUNT(*) FROM CandidateSessions WHERE RevokedAt IS NULL"), Is.Zero, "sessions");
            Assert.That(await Count("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'EraseCandidate' AND EntityId = @CandidateId"), Is.EqualTo(1), "tombstone");
            Assert.That(Directory.GetFiles(DocumentsDirectory, "*", SearchOption.AllDirectories), Is.Empty, "document files");
            Assert.That(briefs.SelectMany(store.Keys).ToList(), Is.Empty, "brief PDFs");
        });
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Recruiter, new GetCandidate(CandidateId)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Recruiter, new GetCandidacy(CandidacyId)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(admin, new EraseCandidate(CandidateId)));
        Assert.That((await SendAs(Recruiter, new GetPipelineBoard(SearchId))).Stages.SelectMany(s => s.Candidacies), Is.Empty);
        Assert.That(await Services.CreateScope().ServiceProvider.GetRequiredService<CandidateSessions>().FindAsync(session, CancellationToken.None), Is.Null);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(Recruiter, new EraseCandidate(Guid.NewGuid())), "admins only");
    }

    [Test]
    public async Task On_SQLite_the_erased_name_is_nowhere_in_the_database_file()
    {
        if (Provider != DatabaseProvider.Sqlite) Assert.Ignore("SQLite's file: SQL Server's pages are the server's to manage.");
        await DocumentedAsync();
        var admin = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Admin);
        var file = Path.Combine(Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["SearchFirm:DataDirectory"]!, "searchfirm.db");
        bool FileHolds(string text) => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(file)).Contains(text, StringComparison.Ordinal);
        Task Checkpoint() => Db(c => c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)"));
        await Checkpoint();
        Assert.That(FileHolds("Okafor"), Is.True, "the test reads the file the product writes");

        await SendAs(admin, new EraseCandidate(CandidateId));
        await Checkpoint();

        // Not in a row, nor in the full-text index's segments, nor in freed space (PRAGMA secure_delete, FTS5 secure-delete).
        Assert.That(FileHolds("Okafor"), Is.False);
        Assert.That(FileHolds("Northwestern"), Is.False);
    }

    [Test]
    public async Task A_candidate_who_asks_to_be_forgotten_is_at_once_and_must_confirm()
    {
        await SendAsCandidate(CandidateId, new ForgetMe(true));

        Assert.ThrowsAsync<NotFoundException>(() => SendAsCandidate(CandidateId, new GetMyProfile()));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Recruiter, new GetCandidate(CandidateId)));
        Assert.That(await Count("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'ForgetMe' AND EntityId = @CandidateId AND ActorKind = 'Candidate'"), Is.EqualTo(1));
        Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAsCandidate(CandidateId, new ForgetMe(false)));
    }

    [Test]
    public async Task The_audit_trail_keeps_the_candidates_acts_by_id_but_never_their_network_address()
    {
        var session = await SendAs(null, new OpenCandidateSession(await InviteAsync()));
        await SendAsCandidate(CandidateId, new GetMyProfile());
        await SendAsCandidate(CandidateId, new ListMySearches());

        await SendAsCandidate(CandidateId, new ForgetMe(true));

        Assert.That(session.CandidateId, Is.EqualTo(CandidateId));
        var events = (await Db(c => c.QueryAsync<(string Action, string ActorKind, string? SourceIp)>(
            "SELECT Action, ActorKind, SourceIp FROM AuditEvents WHERE ActorId = @CandidateId OR (EntityId = @CandidateId AND ActorKind <> 'Staff') OR Action = 'OpenCandidateSession'",
            new { CandidateId }))).ToList();
        Assert.That(events.Select(e => e.Action), Is.SupersetOf(new[] { "OpenCandidateSession", "CandidateSignIn", "PortalReadProfile", "PortalListSearches", "ForgetMe" }));
        Assert.That(events.Where(e => e.SourceIp is not null || e.ActorKind != "Candidate"), Is.Empty,
            "an address the erasure cannot remove from the append-only trail");
    }

    [Test]
    public async Task The_erased_candidates_network_person_is_404_on_every_network_route_and_keeps_no_name_or_ties()
    {
        var person = (await SendAs(Recruiter, new CreatePerson("Dr Amara Okafor", Email: "amara.okafor@network.example", ExternalId: "crm-amara",
            CurrentTitle: "Chief Quality Officer", CurrentOrganisation: "Lakeside Health", CandidateId: CandidateId,
            Employment: [new EmploymentInput("Lakeside Health", "Chief Quality Officer")]))).Id;
        var colleague = (await SendAs(Recruiter, new CreatePerson("Dr Ben Carter"))).Id;
        await SendAs(Recruiter, new CreateRelationship(person, colleague, RelationshipKind.WorkedWith, 4));
        await SendAs(Recruiter, new CreateReferral(SearchId, person, CandidateId));
        Assert.That((await SendAs(Recruiter, new GetPerson(person))).FullName, Is.EqualTo("Dr Amara Okafor"));

        await SendAsCandidate(CandidateId, new ForgetMe(true));

        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Recruiter, new GetPerson(person)), "GET /api/people/{id}");
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(Recruiter, new FindWarmPaths(person)), "warm paths to them");
        // Naming them is naming no one, as for an unknown id (400 on those routes).
        var tie = Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAs(Recruiter, new CreateRelationship(person, colleague, RelationshipKind.Knows, 2)));
        Assert.That(tie!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "fromPersonId" }), "new ties");
        var (_, other) = await AddCandidateAsync(Amara("Ben", "Carter"), notes: false);
        var referral = Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAs(Recruiter, new CreateReferral(SearchId, person, other)));
        Assert.That(referral!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "referrerPersonId" }), "as a referrer");
        Assert.That((await SendAs(Recruiter, new ListReferrers())).Select(r => r.PersonId), Does.Not.Contain(person), "the referrers' ranking");
        var row = await Db(c => c.QuerySingleAsync<string>(
            "SELECT FullName || '|' || COALESCE(Email, '') || '|' || COALESCE(ExternalId, '') || '|' || COALESCE(CurrentTitle, '') || '|' || COALESCE(CurrentOrganisation, '') FROM People WHERE Id = @person",
            new { person }));
        Assert.That(row, Is.EqualTo("||||"));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>(
            "SELECT (SELECT COUNT(*) FROM Relationships r JOIN People p ON p.Number IN (r.FromPersonNumber, r.ToPersonNumber) WHERE p.Id = @person) + (SELECT COUNT(*) FROM Employment WHERE PersonId = @person)",
            new { person })), Is.Zero);
    }

    private Task<long> Count(string sql) => Db(c => c.ExecuteScalarAsync<long>(sql, new { CandidateId }));
}
