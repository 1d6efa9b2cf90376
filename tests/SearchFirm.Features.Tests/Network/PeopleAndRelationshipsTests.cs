using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Network;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Network;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Network;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class PeopleAndRelationshipsTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor partner = null!;
    private Actor recruiter = null!;
    private Actor admin = null!;

    [SetUp]
    public async Task AddStaff()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        partner = await Staff.AddAsync(factory, Role.Partner);
        recruiter = await Staff.AddAsync(factory, Role.Recruiter);
        admin = await Staff.AddAsync(factory, Role.Admin);
    }

    private Task<long> CountAsync(string table) => Db(c => c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));

    private async Task<Guid> PersonAsync(string name) => (await SendAs(recruiter, new CreatePerson(name))).Id;

    [Test]
    public async Task A_person_is_stored_with_their_employment_and_their_current_position_is_the_open_one()
    {
        var client = await SendAs(partner, new CreateClient("Mercy Health", ClientKind.HospitalOrHealthSystem));
        var created = await SendAs(recruiter, new CreatePerson("Dr Ana Ruiz", Email: "Ana.Ruiz@Mercy.example", ExternalId: "crm-17", Employment:
        [
            new EmploymentInput("St Luke's", "Medical Director", new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2018, 6, 30, 0, 0, 0, TimeSpan.Zero)),
            new EmploymentInput("Mercy Health", "VP Medical Affairs", new DateTimeOffset(2018, 7, 1, 0, 0, 0, TimeSpan.Zero), ClientId: client.Id),
        ]));

        var person = await SendAs(recruiter, new GetPerson(created.Id));

        Assert.Multiple(() =>
        {
            Assert.That(person.FullName, Is.EqualTo("Dr Ana Ruiz"));
            Assert.That(person.ExternalId, Is.EqualTo("crm-17"));
            Assert.That(person.CurrentTitle, Is.EqualTo("VP Medical Affairs"));
            Assert.That(person.CurrentOrganisation, Is.EqualTo("Mercy Health"));
            Assert.That(person.Employment.Select(e => e.Organisation), Is.EqualTo(new[] { "Mercy Health", "St Luke's" }));
            Assert.That(person.Employment[0].ClientId, Is.EqualTo(client.Id));
            Assert.That(person.Employment[1].To, Is.EqualTo(new DateTimeOffset(2018, 6, 30, 0, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task E_mails_are_unique_whatever_their_case()
    {
        await SendAs(recruiter, new CreatePerson("Ana Ruiz", Email: "ana@mercy.example"));

        var conflict = Assert.ThrowsAsync<ConflictException>(() => SendAs(recruiter, new CreatePerson("A. Ruiz", Email: "ANA@Mercy.Example")));

        Assert.That(conflict!.Code, Is.EqualTo("duplicate-person-email"));
        Assert.That(await CountAsync("People"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_person_may_only_be_tied_to_a_candidate_who_exists_and_was_not_erased()
    {
        var admin = await Staff.AddAsync(Services.GetRequiredService<SearchFirm.Data.IConnectionFactory>(), SearchFirm.Domain.Users.Role.Admin);
        var erased = (await SendAs(recruiter, SearchFirm.Features.Tests.Candidates.CandidatesTests.Amara())).Id;
        await SendAs(admin, new SearchFirm.Features.Candidates.EraseCandidate(erased));

        var unknown = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreatePerson("Ana Ruiz", CandidateId: Guid.NewGuid())));
        var gone = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreatePerson("Amara Okafor", CandidateId: erased)));

        Assert.That(unknown!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "candidateId" }));
        Assert.That(gone!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "candidateId" }));
        Assert.That(await Db(c => Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT COUNT(*) FROM People WHERE FullName <> ''")), Is.Zero);
    }

    [Test]
    public async Task A_bad_position_refuses_the_whole_person()
    {
        var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreatePerson("Ana Ruiz", Employment:
        [
            new EmploymentInput("Mercy", From: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            new EmploymentInput("Mercy", ClientId: Guid.NewGuid()),
        ])));

        Assert.That(invalid!.Errors.Select(e => e.PropertyName), Does.Contain("employment[0].to"));
        var unknownClient = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreatePerson("Ana Ruiz", Employment: [new EmploymentInput("Mercy", ClientId: Guid.NewGuid())])));
        Assert.That(unknownClient!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "employment[0].clientId" }));
        Assert.That(await CountAsync("People"), Is.Zero);
        Assert.That(await CountAsync("Employment"), Is.Zero);
    }

    [Test]
    public async Task Only_an_admin_or_the_user_links_a_staff_account_and_only_a_partner_flags_off_limits()
    {
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(recruiter, new CreatePerson("Someone", UserId: partner.Id)));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(recruiter, new CreatePerson("Someone", OffLimits: true)));

        var own = await SendAs(recruiter, new CreatePerson("Me", UserId: recruiter.Id));
        var other = await SendAs(admin, new CreatePerson("Partner", UserId: partner.Id));
        var flagged = await SendAs(partner, new CreatePerson("Protected", OffLimits: true));

        Assert.That((await SendAs(recruiter, new GetPerson(own.Id))).UserId, Is.EqualTo(recruiter.Id));
        Assert.That((await SendAs(recruiter, new GetPerson(other.Id))).UserId, Is.EqualTo(partner.Id));
        Assert.That((await SendAs(recruiter, new GetPerson(flagged.Id))).OffLimits, Is.True);
        Assert.That(Assert.ThrowsAsync<ConflictException>(() => SendAs(admin, new CreatePerson("Again", UserId: partner.Id)))!.Code, Is.EqualTo("user-already-linked"));
    }

    [Test]
    public void An_unknown_person_is_not_found() =>
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new GetPerson(Guid.NewGuid())));

    [Test]
    public async Task A_relationship_with_oneself_is_refused_naming_the_field()
    {
        var ana = await PersonAsync("Ana");

        var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateRelationship(ana, ana, RelationshipKind.Knows, 3)));

        Assert.That(invalid!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "toPersonId" }));
        Assert.That(await CountAsync("Relationships"), Is.Zero);
    }

    [Test]
    public async Task Unknown_people_and_a_strength_out_of_range_are_refused_and_nothing_is_written()
    {
        var ana = await PersonAsync("Ana");

        var unknown = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateRelationship(Guid.NewGuid(), Guid.NewGuid(), RelationshipKind.Knows, 3)));
        var oneUnknown = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateRelationship(ana, Guid.NewGuid(), RelationshipKind.Knows, 3)));
        var strength = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateRelationship(ana, Guid.NewGuid(), RelationshipKind.Knows, 6)));
        var missing = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateRelationship(ana, null, null, 0)));

        Assert.Multiple(() =>
        {
            Assert.That(unknown!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "fromPersonId", "toPersonId" }));
            Assert.That(oneUnknown!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "toPersonId" }));
            Assert.That(strength!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "strength" }));
            Assert.That(missing!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "toPersonId", "kind", "strength" }));
        });
        Assert.That(await CountAsync("Relationships"), Is.Zero);
    }

    [Test]
    public async Task A_symmetric_relationship_is_stored_once_whichever_way_it_is_told()
    {
        var ana = await PersonAsync("Ana");
        var bo = await PersonAsync("Bo");
        await SendAs(recruiter, new CreateRelationship(ana, bo, RelationshipKind.WorkedWith, 4, "CV"));

        var conflict = Assert.ThrowsAsync<ConflictException>(() => SendAs(recruiter, new CreateRelationship(bo, ana, RelationshipKind.WorkedWith, 2)));

        Assert.That(conflict!.Code, Is.EqualTo("duplicate-relationship"));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_directed_relationship_keeps_its_direction_and_may_exist_both_ways()
    {
        var ana = await PersonAsync("Ana");
        var bo = await PersonAsync("Bo");

        var first = await SendAs(recruiter, new CreateRelationship(ana, bo, RelationshipKind.Mentor, 5));
        var second = await SendAs(recruiter, new CreateRelationship(bo, ana, RelationshipKind.Mentor, 3));
        var other = await SendAs(recruiter, new CreateRelationship(bo, ana, RelationshipKind.ReportedTo, 3));

        Assert.That((first.FromPersonId, first.ToPersonId), Is.EqualTo((ana, bo)));
        Assert.That((second.FromPersonId, second.ToPersonId), Is.EqualTo((bo, ana)));
        Assert.That(other.Kind, Is.EqualTo(RelationshipKind.ReportedTo));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_relationship_can_only_name_a_search_its_author_is_on()
    {
        var ana = await PersonAsync("Ana");
        var bo = await PersonAsync("Bo");
        var client = await SendAs(partner, new CreateClient("Mercy", ClientKind.HospitalOrHealthSystem));
        var search = await SendAs(partner, new CreateSearch(client.Id, "CMO", "Project Cedar"));

        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new CreateRelationship(ana, bo, RelationshipKind.Knows, 3, "met during the search", SearchId: search.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new CreateRelationship(ana, bo, RelationshipKind.Knows, 3, SearchId: Guid.NewGuid())));
        Assert.That(await CountAsync("Relationships"), Is.Zero);

        await SendAs(partner, new CreateRelationship(ana, bo, RelationshipKind.Knows, 3, "met during the search", SearchId: search.Id));
        Assert.That(await CountAsync("Relationships"), Is.EqualTo(1));
    }
}
