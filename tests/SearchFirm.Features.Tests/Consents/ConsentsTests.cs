using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Consents;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Candidates;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Consents;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class ConsentsTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor partner = null!;
    private Actor recruiter = null!;
    private Actor admin = null!;
    private Guid candidateId;
    private Guid searchId;

    [SetUp]
    public async Task AddStaffCandidateAndSearch()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        partner = await Staff.AddAsync(factory, Role.Partner);
        recruiter = await Staff.AddAsync(factory, Role.Recruiter);
        admin = await Staff.AddAsync(factory, Role.Admin);
        candidateId = (await SendAs(recruiter, CandidatesTests.Amara())).Id;
        searchId = await NewSearchAsync("Project Cedar");
    }

    private async Task<Guid> NewSearchAsync(string codeName)
    {
        var client = await SendAs(partner, new CreateClient($"Client {Guid.NewGuid():N}", ClientKind.HospitalOrHealthSystem));
        return (await SendAs(partner, new CreateSearch(client.Id, "Chief Medical Officer", codeName))).Id;
    }

    private Task<long> Rows() => Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Consents"));

    private Task<bool> HasPresentConsentAsync(Guid candidate, Guid search) =>
        Db(c => ConsentQueries.HasPresentConsentAsync(c, null, candidate, search, CancellationToken.None));

    [Test]
    public async Task Consent_to_processing_is_recorded_with_the_time_and_a_default_source()
    {
        var before = DateTimeOffset.UtcNow;

        var consent = await SendAs(recruiter, new RecordConsent { CandidateId = candidateId, Kind = ConsentKind.Processing });

        Assert.Multiple(() =>
        {
            Assert.That(consent.Kind, Is.EqualTo(ConsentKind.Processing));
            Assert.That(consent.SearchId, Is.Null);
            Assert.That(consent.Source, Is.EqualTo("recorded by staff"));
            Assert.That(consent.GivenAt, Is.InRange(before, DateTimeOffset.UtcNow));
            Assert.That(consent.GivenAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(consent.RecordedBy, Is.EqualTo(recruiter.Id));
        });
        var listed = await SendAs(recruiter, new ListCandidateConsents(candidateId));
        Assert.That(listed.Single().Id, Is.EqualTo(consent.Id));
        Assert.That(listed.Single().GivenAt, Is.EqualTo(consent.GivenAt).Within(TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public async Task The_team_records_consent_to_present_to_their_searchs_client()
    {
        var consent = await SendAs(partner, new RecordConsent
        {
            CandidateId = candidateId, Kind = ConsentKind.PresentToClient, SearchId = searchId, Source = "  E-mail from the candidate, 3 March  ",
        });

        Assert.That(consent.SearchId, Is.EqualTo(searchId));
        Assert.That(consent.Source, Is.EqualTo("E-mail from the candidate, 3 March"));
        Assert.That(await HasPresentConsentAsync(candidateId, searchId), Is.True);
        var audit = await Db(c => c.QuerySingleAsync<(string EntityType, Guid EntityId, Guid SearchId)>(
            "SELECT EntityType, EntityId, SearchId FROM AuditEvents WHERE Action = 'RecordConsent'"));
        Assert.That(audit, Is.EqualTo(("Consent", consent.Id, searchId)));
    }

    [Test]
    public async Task Someone_off_the_team_cannot_record_consent_for_the_search_and_learns_nothing()
    {
        var refused = Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new RecordConsent
        {
            CandidateId = candidateId, Kind = ConsentKind.PresentToClient, SearchId = searchId,
        }));
        var unknown = Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new RecordConsent
        {
            CandidateId = candidateId, Kind = ConsentKind.PresentToClient, SearchId = Guid.NewGuid(),
        }));

        Assert.That(refused!.Message, Is.EqualTo(unknown!.Message), "the same answer as for a search that does not exist");
        Assert.That(await Rows(), Is.Zero);
        Assert.That(await SendAs(admin, new RecordConsent { CandidateId = candidateId, Kind = ConsentKind.PresentToClient, SearchId = searchId }),
            Is.Not.Null, "an admin sees every search");
    }

    [Test]
    public async Task The_kind_decides_whether_a_search_is_named()
    {
        var missing = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new RecordConsent { CandidateId = candidateId, Kind = ConsentKind.PresentToClient }));
        var extra = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new RecordConsent { CandidateId = candidateId, Kind = ConsentKind.Processing, SearchId = searchId }));
        var noKind = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new RecordConsent { CandidateId = candidateId }));
        var badSource = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new RecordConsent
        {
            CandidateId = candidateId, Kind = ConsentKind.Processing, Source = "call\u0000" + new string('x', 200),
        }));

        Assert.That(missing!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "searchId" }));
        Assert.That(extra!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "searchId" }));
        Assert.That(noKind!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "kind" }));
        Assert.That(badSource!.Errors.Select(e => e.PropertyName), Is.All.EqualTo("source"));
        Assert.That(await Rows(), Is.Zero);
    }

    [Test]
    public void An_unknown_candidate_is_not_found()
    {
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new RecordConsent { CandidateId = Guid.NewGuid(), Kind = ConsentKind.Processing }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new ListCandidateConsents(Guid.NewGuid())));
    }

    [Test]
    public async Task Consents_for_searches_the_caller_is_not_on_are_left_out_of_the_list()
    {
        var processing = await SendAs(recruiter, new RecordConsent { CandidateId = candidateId, Kind = ConsentKind.Processing });
        var present = await SendAs(partner, new RecordConsent { CandidateId = candidateId, Kind = ConsentKind.PresentToClient, SearchId = searchId });

        var forRecruiter = await SendAs(recruiter, new ListCandidateConsents(candidateId));
        var forPartner = await SendAs(partner, new ListCandidateConsents(candidateId));
        var forAdmin = await SendAs(admin, new ListCandidateConsents(candidateId));

        Assert.That(forRecruiter.Select(c => c.Id), Is.EqualTo(new[] { processing.Id }));
        Assert.That(forPartner.Select(c => c.Id), Is.EqualTo(new[] { present.Id, processing.Id }), "newest first");
        Assert.That(forAdmin.Select(c => c.Id), Is.EquivalentTo(new[] { present.Id, processing.Id }));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'ListCandidateConsents' AND EntityId = @candidateId", new { candidateId })),
            Is.EqualTo(3), "every read is audited");
    }

    [Test]
    public async Task Consent_to_present_counts_only_for_its_search_and_until_withdrawn()
    {
        var otherSearch = await NewSearchAsync("Project Oak");
        await SendAs(recruiter, new RecordConsent { CandidateId = candidateId, Kind = ConsentKind.Processing });
        Assert.That(await HasPresentConsentAsync(candidateId, searchId), Is.False, "consent to processing is not consent to present");

        var consent = await SendAs(partner, new RecordConsent { CandidateId = candidateId, Kind = ConsentKind.PresentToClient, SearchId = searchId });

        Assert.That(await HasPresentConsentAsync(candidateId, searchId), Is.True);
        Assert.That(await HasPresentConsentAsync(candidateId, otherSearch), Is.False, "another search's client");
        await Db(c => c.ExecuteAsync("UPDATE Consents SET WithdrawnAt = @Now WHERE Id = @Id", new { Now = DateTimeOffset.UtcNow, consent.Id }));
        Assert.That(await HasPresentConsentAsync(candidateId, searchId), Is.False, "withdrawn");
    }
}
