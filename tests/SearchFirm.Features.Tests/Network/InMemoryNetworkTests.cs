using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Network;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Network;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Network;

/// <summary>
/// Each instance's copy of the graph: loaded in the background, current with the change log
/// (relationships recorded after loading, on this instance or another), stale after a bulk
/// import until reloaded (searches then read the database), off when configured so.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class InMemoryNetworkTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor partner = null!;
    private Actor recruiter = null!;
    private Guid me;

    [SetUp]
    public async Task AddStaff()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        partner = await Staff.AddAsync(factory, Role.Partner);
        recruiter = await Staff.AddAsync(factory, Role.Recruiter);
        me = (await SendAs(recruiter, new CreatePerson("Rita Recruiter", UserId: recruiter.Id))).Id;
    }

    private InMemoryNetwork Network => Services.GetRequiredService<InMemoryNetwork>();

    private NetworkOptions Options => Services.GetRequiredService<IOptions<NetworkOptions>>().Value;

    private async Task<Guid> PersonAsync(string name) => (await SendAs(recruiter, new CreatePerson(name, ExternalId: name.ToLowerInvariant()))).Id;

    private Task Tie(Guid a, Guid b, int strength) => SendAs(recruiter, new CreateRelationship(a, b, RelationshipKind.Knows, strength));

    /// <summary>The neighbours of one person as this copy sees them; null when it would send searches to the database.</summary>
    private async Task<List<Guid>?> NeighboursAsync(InMemoryNetwork network, Guid person)
    {
        await using var connection = await Services.GetRequiredService<IConnectionFactory>().OpenAsync();
        var source = await network.CurrentAsync(connection, CancellationToken.None);
        if (source is null) return null;
        var neighbours = new List<Guid>();
        await source.ReadTiesAsync([person], tie => { neighbours.Add(tie.NeighbourId); return true; }, CancellationToken.None);
        return neighbours;
    }

    [Test]
    public async Task A_relationship_recorded_after_loading_is_seen_by_the_next_search()
    {
        var target = await PersonAsync("Target");
        var friend = await PersonAsync("Friend");
        await Tie(friend, target, 4);
        var stats = await Network.LoadAsync(CancellationToken.None);
        Assert.That((stats.People, stats.Relationships), Is.EqualTo((3, 1L)));

        Assert.That((await SendAs(recruiter, new FindWarmPaths(target))).Paths, Is.Empty);
        await Tie(me, friend, 5);
        var paths = (await SendAs(recruiter, new FindWarmPaths(target))).Paths;

        Assert.That(paths.Single().Steps.Select(s => s.To.FullName), Is.EqualTo(new[] { "Friend", "Target" }));
        Assert.That(Network.ServedFromMemory, Is.EqualTo(2));
    }

    [Test]
    public async Task Someone_off_limits_since_the_copy_read_its_off_limits_set_is_still_never_an_intermediary()
    {
        var target = await PersonAsync("Target");
        var direct = await PersonAsync("Direct");
        var roundabout = await PersonAsync("Roundabout");
        var second = await PersonAsync("Second");
        await Tie(me, direct, 5);
        await Tie(direct, target, 5);
        await Tie(me, roundabout, 2);
        await Tie(roundabout, second, 2);
        await Tie(second, target, 2);
        await Network.LoadAsync(CancellationToken.None);
        Assert.That((await SendAs(recruiter, new FindWarmPaths(target))).Paths[0].Steps[0].To.FullName, Is.EqualTo("Direct"));

        // Flagged behind the copy's back: its off-limits set (seconds old) does not know yet.
        await Db(c => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE People SET IsOffLimits = 1 WHERE Id = @Id", new { Id = direct }));
        var paths = (await SendAs(recruiter, new FindWarmPaths(target))).Paths;

        Assert.That(paths.Select(p => p.Steps[0].To.FullName), Is.EqualTo(new[] { "Roundabout" }));
        Assert.That(Network.ServedFromMemory, Is.EqualTo(2));
    }

    [Test]
    public async Task An_erased_candidates_ties_leave_every_copy_of_the_graph()
    {
        var admin = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Admin);
        var candidate = (await SendAs(recruiter, SearchFirm.Features.Tests.Candidates.CandidatesTests.Amara())).Id;
        var person = (await SendAs(recruiter, new CreatePerson("Amara Okafor", CandidateId: candidate))).Id;
        await Tie(me, person, 4);
        await Network.LoadAsync(CancellationToken.None);
        Assert.That(await NeighboursAsync(Network, me), Is.EqualTo(new[] { person }));

        await SendAs(admin, new SearchFirm.Features.Candidates.EraseCandidate(candidate));

        Assert.That(await NeighboursAsync(Network, me), Is.Empty);
    }

    [Test]
    public async Task Another_instance_catches_up_from_the_change_log()
    {
        var other = ActivatorUtilities.CreateInstance<InMemoryNetwork>(Services);
        await other.LoadAsync(CancellationToken.None);
        var friend = await PersonAsync("Friend");

        await Tie(me, friend, 3);   // recorded through this instance's mediator, never told to the other

        Assert.That(await NeighboursAsync(other, me), Is.EqualTo(new[] { friend }));
        Assert.That(await NeighboursAsync(other, friend), Is.EqualTo(new[] { me }));
    }

    [Test]
    public async Task A_small_import_is_seen_at_once_and_a_large_one_sends_searches_to_the_database_until_reloaded()
    {
        var target = await PersonAsync("Target");
        await Network.LoadAsync(CancellationToken.None);
        var people = new StringBuilder("external_id,full_name\n");
        for (var i = 0; i < 40; i++) people.Append($"p{i},Person {i}\n");
        await SendAs(partner, new ImportNetwork(Csv(people.ToString()), null));

        await SendAs(partner, new ImportNetwork(null, Csv($"from,to,kind,strength\np0,target,Knows,4\n")));
        Assert.That(await NeighboursAsync(Network, target), Has.Count.EqualTo(1), "a small batch logs each relationship");

        // More relationships than one batch logs one by one: the copy goes stale, searches read the database.
        var ties = new StringBuilder("from,to,kind,strength\n");
        for (var i = 1; i < 40; i++)
            for (var j = i + 1; j < 40; j++) ties.Append($"p{i},p{j},WorkedWith,3\n");
        ties.Append("p39,target,Knows,5\n");
        var report = await SendAs(partner, new ImportNetwork(null, Csv(ties.ToString())));
        Assert.That(report.Relationships.Imported, Is.GreaterThan(NetworkChangeLog.MaxRowsPerBatch));
        Assert.That(await NeighboursAsync(Network, target), Is.Null);
        Assert.That(Network.ReloadDue, Is.True);

        await Network.LoadAsync(CancellationToken.None);
        Assert.That(await NeighboursAsync(Network, target), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Running_the_same_import_again_writes_nothing_and_keeps_the_copy_current()
    {
        var people = new StringBuilder("external_id,full_name\n");
        for (var i = 0; i < 30; i++) people.Append($"p{i},Person {i}\n");
        await SendAs(partner, new ImportNetwork(Csv(people.ToString()), null));
        var ties = new StringBuilder("from,to,kind,strength\n");
        for (var i = 0; i < 30; i++)
            for (var j = i + 1; j < 30; j++) ties.Append($"p{i},p{j},Knows,3\n");
        await SendAs(partner, new ImportNetwork(null, Csv(ties.ToString())));
        await Network.LoadAsync(CancellationToken.None);

        await SendAs(partner, new ImportNetwork(null, Csv(ties.ToString())));

        Assert.That(Network.IsCurrent, Is.True, "an import that changed nothing logs nothing");
    }

    [Test]
    public async Task The_loader_loads_in_the_background_and_configuration_can_turn_the_copy_off()
    {
        var loader = Services.GetServices<IHostedService>().OfType<NetworkGraphLoader>().Single();
        await loader.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!Network.IsCurrent && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.That(Network.IsCurrent, Is.True);
            Assert.That(await NeighboursAsync(Network, me), Is.Empty);

            Options.InMemoryGraph = false;
            Assert.That(await NeighboursAsync(Network, me), Is.Null);
        }
        finally
        {
            await loader.StopAsync(CancellationToken.None);
        }
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Test]
    public async Task A_copy_that_has_not_read_the_change_log_for_half_its_retention_reloads_rather_than_trust_a_pruned_log()
    {
        var target = await PersonAsync("Target");
        await Tie(me, target, 4);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var network = new InMemoryNetwork(Services.GetRequiredService<IConnectionFactory>(), Services.GetRequiredService<ISqlDialect>(),
            Services.GetRequiredService<IOptions<NetworkOptions>>(), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<InMemoryNetwork>.Instance);
        await network.LoadAsync(CancellationToken.None);

        clock.Now += Options.ChangeLogRetention / 2 - TimeSpan.FromMinutes(1);
        Assert.That(await NeighboursAsync(network, me), Is.EqualTo(new[] { target }), "read within the retention: the copy stays in use");
        clock.Now += Options.ChangeLogRetention / 2 - TimeSpan.FromMinutes(1);
        Assert.That(await NeighboursAsync(network, me), Is.EqualTo(new[] { target }), "each read of the log starts the wait again");

        clock.Now += Options.ChangeLogRetention / 2 + TimeSpan.FromMinutes(1);
        Assert.That(await NeighboursAsync(network, me), Is.Null, "searches read the database until it reloads");
        Assert.That(network.ReloadDue, Is.True);
        await network.LoadAsync(CancellationToken.None);
        Assert.That(await NeighboursAsync(network, me), Is.EqualTo(new[] { target }));
    }
}

/// <summary>Reading the change log from a high-water mark when IDENTITY values commit out of order (SQL Server).</summary>
public sealed class ChangePositionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static NetworkChange Change(long seq) => new(seq, Guid.NewGuid(), Guid.NewGuid());

    [Test]
    public void A_seq_committed_late_below_the_mark_is_still_applied_once()
    {
        var (position, fresh) = ChangePosition.At(10).Advance([Change(11), Change(13)], Now);
        Assert.That(fresh.Select(c => c.Seq), Is.EqualTo(new[] { 11L, 13L }));
        Assert.That(position.ReadAfter, Is.EqualTo(11), "12 is missing: read again from before it");

        (position, fresh) = position.Advance([Change(12), Change(13), Change(14)], Now.AddSeconds(1));
        Assert.That(fresh.Select(c => c.Seq), Is.EqualTo(new[] { 12L, 14L }), "13 was applied already");
        Assert.That(position.ReadAfter, Is.EqualTo(14));
    }

    [Test]
    public void A_gap_that_never_fills_is_given_up_after_the_timeout()
    {
        var (position, _) = ChangePosition.At(0).Advance([Change(2)], Now);
        Assert.That(position.ReadAfter, Is.EqualTo(0));

        (position, _) = position.Advance([Change(2)], Now + ChangePosition.GapTimeout + TimeSpan.FromSeconds(1));

        Assert.That(position.ReadAfter, Is.EqualTo(2));
    }

    [Test]
    public void An_identity_jump_is_not_tracked_as_thousands_of_gaps()
    {
        var (position, fresh) = ChangePosition.At(5).Advance([Change(10_006)], Now);

        Assert.That(fresh, Has.Count.EqualTo(1));
        Assert.That(position.ReadAfter, Is.EqualTo(10_006));
    }
}
