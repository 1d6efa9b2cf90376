using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Searches;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class SearchesTests(DatabaseProvider provider) : Slice(provider)
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

    private async Task<Guid> NewSearchAsync(ClientKind kind = ClientKind.HospitalOrHealthSystem, string codeName = "Project Cedar")
    {
        var client = await SendAs(partner, new CreateClient($"Client {Guid.NewGuid():N}", kind));
        return (await SendAs(partner, new CreateSearch(client.Id, "Chief Medical Officer", codeName))).Id;
    }

    [Test]
    public async Task A_new_search_is_led_by_its_creator_and_starts_from_the_client_kinds_specification()
    {
        var id = await NewSearchAsync(ClientKind.Payer);

        var search = await SendAs(partner, new GetSearch(id));

        Assert.Multiple(() =>
        {
            Assert.That(search.CodeName, Is.EqualTo("Project Cedar"));
            Assert.That(search.Status, Is.EqualTo(SearchStatus.Draft));
            Assert.That(search.LeadPartnerId, Is.EqualTo(partner.Id));
            Assert.That(search.Team.Select(t => t.UserId), Is.EqualTo(new[] { partner.Id }));
            Assert.That(search.Specification.Criteria.Select(c => c.Key), Is.EqualTo(DefaultSpecification.For(ClientKind.Payer).Select(c => c.Key)));
            Assert.That(search.Specification.Criteria.Single(c => c.Key == DefaultSpecification.SettingFit).Label, Does.Contain("utilisation management"));
        });
    }

    [Test]
    public async Task Another_partners_code_name_and_a_namesake_client_are_taken_as_they_come()
    {
        // Hospitals share names across cities, and refusing a code name as taken would tell this
        // partner that a search they may not see exists.
        var other = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Partner);
        var first = await SendAs(partner, new CreateClient("St Joseph's Hospital", ClientKind.HospitalOrHealthSystem));
        var namesake = await SendAs(other, new CreateClient("st joseph's hospital", ClientKind.HospitalOrHealthSystem));
        var cedar = await SendAs(partner, new CreateSearch(first.Id, "CMO", "Project Cedar"));
        var alsoCedar = await SendAs(other, new CreateSearch(namesake.Id, "CMO", "project cedar"));

        Assert.That(namesake.Id, Is.Not.EqualTo(first.Id));
        Assert.That(alsoCedar.Id, Is.Not.EqualTo(cedar.Id));
        Assert.That((await SendAs(other, new ListSearches())).Select(s => s.Id), Is.EqualTo(new[] { alsoCedar.Id }));
    }

    [Test]
    public async Task A_recruiter_off_the_team_is_told_the_search_does_not_exist()
    {
        var id = await NewSearchAsync();

        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new GetSearch(id)));
        Assert.That(await SendAs(recruiter, new ListSearches()), Is.Empty);
    }

    [Test]
    public async Task Once_staffed_a_recruiter_sees_the_search_and_an_admin_always_does()
    {
        var id = await NewSearchAsync();
        await SendAs(partner, new AddTeamMember(id, recruiter.Id));

        Assert.That((await SendAs(recruiter, new GetSearch(id))).Id, Is.EqualTo(id));
        Assert.That((await SendAs(recruiter, new ListSearches())).Select(s => s.Id), Is.EqualTo(new[] { id }));
        Assert.That((await SendAs(admin, new GetSearch(id))).Id, Is.EqualTo(id));
    }

    [Test]
    public async Task Only_the_lead_partner_staffs_the_search()
    {
        var id = await NewSearchAsync();
        await SendAs(partner, new AddTeamMember(id, recruiter.Id));
        var other = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Recruiter);

        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(recruiter, new AddTeamMember(id, other.Id)));
        Assert.ThrowsAsync<RuleViolationException>(() => SendAs(partner, new RemoveTeamMember(id, partner.Id)));
    }

    [Test]
    public async Task A_stale_expected_version_is_a_conflict_and_changes_nothing()
    {
        var id = await NewSearchAsync();
        var opened = await SendAs(partner, new ChangeSearchStatus(id, SearchStatus.Open, 1));

        var conflict = Assert.ThrowsAsync<ConflictException>(() => SendAs(partner, new ChangeSearchStatus(id, SearchStatus.Cancelled, 1)));

        Assert.That(opened.Version, Is.EqualTo(2));
        Assert.That(conflict!.Details["currentVersion"], Is.EqualTo(2));
        Assert.That((await SendAs(partner, new GetSearch(id))).Status, Is.EqualTo(SearchStatus.Open));
    }

    [Test]
    public async Task Filled_cannot_be_set_by_hand()
    {
        var id = await NewSearchAsync();

        var refused = Assert.ThrowsAsync<RuleViolationException>(() => SendAs(partner, new ChangeSearchStatus(id, SearchStatus.Filled, 1)));

        Assert.That(refused!.Code, Is.EqualTo("filled-by-placement"));
    }

    [Test]
    public async Task A_recruiter_cannot_open_a_search()
    {
        var client = await SendAs(partner, new CreateClient("Mercy", ClientKind.HospitalOrHealthSystem));

        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(recruiter, new CreateSearch(client.Id, "CMO", "Project Oak")));
        Assert.That(await SendAs(admin, new ListSearches()), Is.Empty);
    }

    [Test]
    public async Task A_specification_with_duplicate_keys_or_bad_weights_is_refused_whole()
    {
        var id = await NewSearchAsync();
        var before = await SendAs(partner, new GetSearch(id));

        var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(partner, new ReplaceSpecification(id,
        [
            new CriterionInput("tenure", "Tenure", 10, true),
            new CriterionInput("tenure", "Tenure again", 0, true),
        ])));

        Assert.That(invalid!.Errors.Select(e => e.PropertyName), Does.Contain("criteria").And.Contain("criteria[1].weight"));
        var after = await SendAs(partner, new GetSearch(id));
        Assert.That(after.Specification.Criteria.Count, Is.EqualTo(before.Specification.Criteria.Count));
        Assert.That(after.Version, Is.EqualTo(before.Version));
    }

    [Test]
    public async Task The_team_replaces_the_specification()
    {
        var id = await NewSearchAsync();

        await SendAs(partner, new ReplaceSpecification(id, [new CriterionInput("clinical-tenure", "Ten years in practice", 60, true), new CriterionInput("mba", "MBA", 40, false)]));

        var search = await SendAs(partner, new GetSearch(id));
        Assert.That(search.Specification.Criteria.Select(c => (c.Key, c.Weight, c.Required)),
            Is.EqualTo(new[] { ("clinical-tenure", 60, true), ("mba", 40, false) }));
    }
}
