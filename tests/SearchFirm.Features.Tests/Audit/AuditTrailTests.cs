using System.Data.Common;
using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;
using SearchFirm.Features.Tests.Candidates;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Audit;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class AuditTrailTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor admin = null!;
    private Actor partner = null!;
    private Actor recruiter = null!;

    [SetUp]
    public async Task AddStaff()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        admin = await Staff.AddAsync(factory, Role.Admin);
        partner = await Staff.AddAsync(factory, Role.Partner);
        recruiter = await Staff.AddAsync(factory, Role.Recruiter);
    }

    /// <summary>Events at known times, oldest first: (actor, action, entity).</summary>
    private async Task<List<Guid>> SeedAsync(params (Actor Actor, string Action, Guid? Entity)[] events)
    {
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var ids = new List<Guid>();
        await using var connection = await Services.GetRequiredService<IConnectionFactory>().OpenAsync();
        for (var i = 0; i < events.Length; i++)
        {
            var id = Ids.New();
            ids.Add(id);
            await connection.ExecuteAsync("""
                INSERT INTO AuditEvents (Id, OccurredAt, ActorId, ActorKind, Action, EntityType, EntityId, SearchId, SourceIp)
                VALUES (@Id, @OccurredAt, @ActorId, 'Staff', @Action, 'Candidate', @EntityId, NULL, '198.51.100.4')
                """, new { Id = id, OccurredAt = start.AddMinutes(i), ActorId = events[i].Actor.Id, events[i].Action, EntityId = events[i].Entity });
        }

        return ids;
    }

    [Test]
    public async Task An_admin_reading_a_search_they_are_not_on_is_audited_and_its_team_reading_it_is_not()
    {
        var client = await SendAs(partner, new SearchFirm.Features.Clients.CreateClient("Mercy", Domain.Clients.ClientKind.HospitalOrHealthSystem));
        var cedar = (await SendAs(partner, new SearchFirm.Features.Searches.CreateSearch(client.Id, "CMO", "Project Cedar"))).Id;
        Task<long> AdminReads(string action) => Db(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM AuditEvents WHERE Action = @action AND ActorId = @ActorId AND EntityId = @cedar AND SearchId = @cedar",
            new { action, ActorId = admin.Id, cedar }));

        await SendAs(partner, new SearchFirm.Features.Searches.GetSearch(cedar));
        await SendAs(admin, new SearchFirm.Features.Searches.GetSearch(cedar));
        await SendAs(admin, new SearchFirm.Features.Candidacies.GetPipelineBoard(cedar));
        await SendAs(admin, new SearchFirm.Features.Searches.ListSearches());

        Assert.Multiple(async () =>
        {
            Assert.That(await AdminReads("AdminReadGetSearch"), Is.EqualTo(1));
            Assert.That(await AdminReads("AdminReadGetPipelineBoard"), Is.EqualTo(1));
            Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEvents WHERE Action = 'AdminListSearches' AND ActorId = @Id", new { admin.Id })), Is.EqualTo(1));
            Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEvents WHERE Action LIKE 'AdminRead%' AND ActorId = @Id", new { partner.Id })), Is.Zero,
                "the lead partner is on the team");
        });
    }

    [Test]
    public async Task An_admin_reads_the_trail_newest_first_page_by_page()
    {
        var ids = await SeedAsync([.. Enumerable.Range(0, 5).Select(i => (recruiter, $"Action{i}", (Guid?)null))]);

        var first = await SendAs(admin, new ListAuditEvents(ActorId: recruiter.Id, PageSize: 2));
        var last = await SendAs(admin, new ListAuditEvents(ActorId: recruiter.Id, Page: 3, PageSize: 2));

        Assert.That(first.Items.Select(e => e.Id), Is.EqualTo(new[] { ids[4], ids[3] }));
        Assert.That(first.Total, Is.EqualTo(5));
        Assert.That(last.Items.Select(e => e.Id), Is.EqualTo(new[] { ids[0] }));
        Assert.That(first.Items[0].ActorName, Does.StartWith("Recruiter"));
        Assert.That(first.Items[0].SourceIp, Is.EqualTo("198.51.100.4"));
        Assert.That(first.Items[0].OccurredAt, Is.EqualTo(new DateTimeOffset(2026, 3, 1, 9, 4, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task Filters_by_entity_actor_and_time_combine()
    {
        var amara = Guid.NewGuid();
        var ids = await SeedAsync(
            (recruiter, "ReadCandidate", amara),
            (partner, "ReadCandidate", amara),
            (recruiter, "ReadCandidate", Guid.NewGuid()),
            (recruiter, "UpdateCandidate", amara));

        var byEntity = await SendAs(admin, new ListAuditEvents(EntityId: amara));
        var byBoth = await SendAs(admin, new ListAuditEvents(EntityId: amara, ActorId: recruiter.Id));
        var window = await SendAs(admin, new ListAuditEvents(
            ActorId: recruiter.Id,
            From: new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero),
            To: new DateTimeOffset(2026, 3, 1, 11, 3, 0, TimeSpan.FromHours(2))));

        Assert.That(byEntity.Items.Select(e => e.Id), Is.EqualTo(new[] { ids[3], ids[1], ids[0] }));
        Assert.That(byBoth.Items.Select(e => e.Id), Is.EqualTo(new[] { ids[3], ids[0] }));
        Assert.That(window.Items.Select(e => e.Id), Is.EqualTo(new[] { ids[2], ids[0] }), "from inclusive, to exclusive, offsets honoured");
    }

    [Test]
    public async Task Reading_the_trail_is_itself_audited()
    {
        var amara = Guid.NewGuid();

        var first = await SendAs(admin, new ListAuditEvents(EntityId: amara));
        var reads = await SendAs(admin, new ListAuditEvents(ActorId: admin.Id));

        Assert.That(first.Items, Is.Empty, "a page never shows its own reading");
        Assert.That(reads.Items.Select(e => (e.Action, e.EntityId)), Is.EqualTo(new[] { ("ReadAuditTrail", (Guid?)amara) }));
    }

    [Test]
    public void Only_admins_read_the_trail()
    {
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(partner, new ListAuditEvents()));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAs(recruiter, new ListAuditEvents()));
        Assert.ThrowsAsync<UnauthorizedException>(() => SendAs(null, new ListAuditEvents()));
    }

    [Test]
    public void Out_of_range_paging_and_an_empty_window_are_refused()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

        var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(admin, new ListAuditEvents(From: at, To: at, Page: 0, PageSize: 201)));

        Assert.That(invalid!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "to", "page", "pageSize" }));
    }

    [Test]
    public async Task Every_command_and_every_profile_read_leaves_an_event()
    {
        var created = await SendAs(recruiter, CandidatesTests.Amara());
        await SendAs(partner, new GetCandidate(created.Id));

        var trail = await SendAs(admin, new ListAuditEvents(EntityId: created.Id));

        Assert.That(trail.Items.Select(e => (e.Action, e.ActorId)), Is.EqualTo(new[]
        {
            ("ReadCandidate", (Guid?)partner.Id),
            ("CreateCandidate", (Guid?)recruiter.Id),
        }));
        Assert.That(trail.Items.Select(e => e.SourceIp), Is.All.EqualTo("203.0.113.7"));
    }

    [Test]
    public async Task The_database_refuses_to_update_or_delete_an_audit_event()
    {
        var ids = await SeedAsync((recruiter, "ReadCandidate", Guid.NewGuid()));
        await using var connection = await Services.GetRequiredService<IConnectionFactory>().OpenAsync();

        var update = Assert.CatchAsync<DbException>(() => connection.ExecuteAsync("UPDATE AuditEvents SET Action = 'Nothing happened' WHERE Id = @Id", new { Id = ids[0] }));
        var delete = Assert.CatchAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM AuditEvents WHERE Id = @Id", new { Id = ids[0] }));
        var deleteAll = Assert.CatchAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM AuditEvents"));

        Assert.That(new[] { update!.Message, delete!.Message, deleteAll!.Message }, Is.All.Contains("append-only"));
        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT Action FROM AuditEvents WHERE Id = @Id", new { Id = ids[0] }), Is.EqualTo("ReadCandidate"));
    }
}
