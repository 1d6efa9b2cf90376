using System.Diagnostics;
using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Network;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Network;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Network;

/// <summary>
/// Warm paths with ties read from the database (the fallback, and Network:InMemoryGraph = false) and
/// from the instance's in-memory copy, loaded after the staff exist: every other tie is recorded
/// after loading, so the copy must catch up from the change log for each search.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite, false)]
[TestFixture(DatabaseProvider.Sqlite, true)]
[TestFixture(DatabaseProvider.SqlServer, false)]
[TestFixture(DatabaseProvider.SqlServer, true)]
public sealed class WarmPathsTests(DatabaseProvider provider, bool inMemory) : Slice(provider)
{
    private Actor partner = null!;
    private Actor recruiter = null!;
    private Actor admin = null!;
    private Guid me;         // the recruiter's person
    private Guid colleague;  // the partner's person

    [SetUp]
    public async Task AddStaff()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        partner = await Staff.AddAsync(factory, Role.Partner);
        recruiter = await Staff.AddAsync(factory, Role.Recruiter);
        admin = await Staff.AddAsync(factory, Role.Admin);
        me = (await SendAs(admin, new CreatePerson("Rita Recruiter", UserId: recruiter.Id))).Id;
        colleague = (await SendAs(admin, new CreatePerson("Paul Partner", UserId: partner.Id))).Id;
        searches = 0;
        Options.InMemoryGraph = inMemory;
        if (inMemory) await Network.LoadAsync(CancellationToken.None);
    }

    private InMemoryNetwork Network => Services.GetRequiredService<InMemoryNetwork>();

    /// <summary>Each search ran where the fixture says: from the copy in memory, or from the database.</summary>
    [TearDown]
    public void SearchesRanWhereExpected()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed) return;
        Assert.That(Network.ServedFromMemory, Is.EqualTo(inMemory ? searches : 0), "searches served from memory");
    }

    private int searches;

    private async Task<WarmPaths> Find(Actor actor, FindWarmPaths query)
    {
        var result = await SendAs(actor, query);
        searches++;
        return result;
    }

    private NetworkOptions Options => Services.GetRequiredService<IOptions<NetworkOptions>>().Value;

    private async Task<Guid> PersonAsync(string name, params EmploymentInput[] employment) =>
        (await SendAs(recruiter, new CreatePerson(name, Employment: employment))).Id;

    private Task Tie(Guid a, Guid b, int strength, RelationshipKind kind = RelationshipKind.Knows, string? source = null, Guid? searchId = null, Actor? by = null) =>
        SendAs(by ?? recruiter, new CreateRelationship(a, b, kind, strength, source, SearchId: searchId));

    private static IEnumerable<string> Route(WarmPath path) => path.Steps.Select(s => s.From.FullName).Append(path.Steps[^1].To.FullName);

    [Test]
    public async Task Staff_and_candidates_are_people_by_their_own_ids()
    {
        // Neither the admin nor the candidate has a person: the ids of their account and profile name them.
        var candidate = (await SendAs(recruiter, Candidates.CandidatesTests.Amara("amara@example.org"))).Id;
        var before = await SendAs(admin, new FindWarmPaths(candidate));
        var friend = await PersonAsync("Fran Friend");
        await Tie(admin.Id, friend, 4);
        await Tie(friend, candidate, 3);

        var result = await Find(admin, new FindWarmPaths(candidate));
        var linked = await SendAs(recruiter, new GetPerson(admin.Id));

        Assert.Multiple(() =>
        {
            Assert.That(before.Paths, Is.Empty, "a candidate the network does not hold yet has no paths, and is no 404");
            Assert.That(result.Paths.Single().Steps.Select(s => s.To.FullName), Is.EqualTo(new[] { "Fran Friend", "Amara Okafor" }));
            Assert.That(result.Paths.Single().Introducer.UserId, Is.EqualTo(admin.Id));
            Assert.That((linked.Id, linked.UserId), Is.EqualTo((admin.Id, (Guid?)admin.Id)));
        });
        Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new CreateRelationship(Guid.NewGuid(), friend, RelationshipKind.Knows, 3)),
            "an id that names no person, member of staff or candidate");
    }

    [Test]
    public async Task Paths_are_ranked_by_hops_then_by_their_weakest_link_and_each_hop_is_explained()
    {
        var target = await PersonAsync("Dr Tara Target");
        var x = await PersonAsync("Xavier");
        var y = await PersonAsync("Yolanda");
        var z1 = await PersonAsync("Zed One");
        var z2 = await PersonAsync("Zed Two");
        await Tie(me, x, 4);
        await Tie(x, target, 4, RelationshipKind.ReportedTo, source: "CV");
        await Tie(colleague, y, 2);
        await Tie(y, target, 5);
        await Tie(me, z1, 5);
        await Tie(z1, z2, 5);
        await Tie(z2, target, 5);

        var result = await Find(recruiter, new FindWarmPaths(target));

        Assert.That(result.Truncated, Is.False);
        Assert.That(result.MaxHops, Is.EqualTo(3));
        Assert.That(result.Paths.Select(Route), Is.EqualTo(new[]
        {
            new[] { "Rita Recruiter", "Xavier", "Dr Tara Target" },
            new[] { "Paul Partner", "Yolanda", "Dr Tara Target" },
            new[] { "Rita Recruiter", "Zed One", "Zed Two", "Dr Tara Target" },
        }));
        Assert.That(result.Paths.Select(p => (p.Hops, p.WeakestStrength)), Is.EqualTo(new[] { (2, 4), (2, 2), (3, 5) }));
        var hop = result.Paths[0].Steps[1];
        Assert.Multiple(() =>
        {
            Assert.That(result.Paths[0].Introducer.UserId, Is.EqualTo(recruiter.Id));
            Assert.That(result.Paths[1].Introducer.UserId, Is.EqualTo(partner.Id));
            Assert.That(hop.Kind, Is.EqualTo(RelationshipKind.ReportedTo));
            Assert.That(hop.Strength, Is.EqualTo(4));
            Assert.That(hop.Source, Is.EqualTo("CV"));
            Assert.That(hop.Explanation, Is.EqualTo("Xavier reported to Dr Tara Target"));
        });
    }

    [Test]
    public async Task Max_hops_limits_the_paths_and_is_checked()
    {
        var target = await PersonAsync("Target");
        var a = await PersonAsync("A");
        var b = await PersonAsync("B");
        var c = await PersonAsync("C");
        await Tie(me, a, 5);
        await Tie(a, b, 5);
        await Tie(b, c, 5);
        await Tie(c, target, 5);

        Assert.That((await Find(recruiter, new FindWarmPaths(target, 3))).Paths, Is.Empty);
        Assert.That((await Find(recruiter, new FindWarmPaths(target, 4))).Paths.Single().Hops, Is.EqualTo(4));
        foreach (var bad in new[] { 0, 5, -1 })
        {
            var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new FindWarmPaths(target, bad)));
            Assert.That(invalid!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "maxHops" }));
        }
    }

    [Test]
    public void An_unknown_person_has_no_warm_paths_but_a_404() =>
        Assert.ThrowsAsync<NotFoundException>(() => SendAs(recruiter, new FindWarmPaths(Guid.NewGuid())));

    [Test]
    public async Task Off_limits_people_are_never_intermediaries()
    {
        var client = await SendAs(partner, new CreateClient("Mercy Health System", ClientKind.HospitalOrHealthSystem));
        var subsidiary = await SendAs(partner, new CreateClient("Mercy St Luke's", ClientKind.HospitalOrHealthSystem, client.Id));
        var parentOfOther = await SendAs(partner, new CreateClient("Northern Group", ClientKind.Other));
        var childWithSearch = await SendAs(partner, new CreateClient("Northern Clinic", ClientKind.HospitalOrHealthSystem, parentOfOther.Id));
        var formerClient = await SendAs(partner, new CreateClient("Old Client", ClientKind.Payer));
        var open = await SendAs(partner, new CreateSearch(client.Id, "CMO", "Project Cedar"));
        await SendAs(partner, new ChangeSearchStatus(open.Id, SearchStatus.Open, 1));
        var held = await SendAs(partner, new CreateSearch(childWithSearch.Id, "CMO", "Project Birch"));
        await SendAs(partner, new ChangeSearchStatus(held.Id, SearchStatus.Open, 1));
        await SendAs(partner, new ChangeSearchStatus(held.Id, SearchStatus.OnHold, 2));
        var closed = await SendAs(partner, new CreateSearch(formerClient.Id, "CMO", "Project Elm"));
        await SendAs(partner, new ChangeSearchStatus(closed.Id, SearchStatus.Cancelled, 1));
        await Db(c => c.ExecuteAsync("UPDATE Searches SET ClosedAt = @At WHERE Id = @Id", new { At = DateTimeOffset.UtcNow.AddMonths(-13), closed.Id }));

        var target = await PersonAsync("Target");
        var flagged = (await SendAs(partner, new CreatePerson("Flagged", OffLimits: true))).Id;
        var intermediaries = new Dictionary<string, Guid>
        {
            ["Flagged"] = flagged,
            ["At the client"] = await PersonAsync("At the client", new EmploymentInput("Mercy Health System", ClientId: client.Id)),
            ["At a subsidiary"] = await PersonAsync("At a subsidiary", new EmploymentInput("Mercy St Luke's", ClientId: subsidiary.Id)),
            ["At the parent"] = await PersonAsync("At the parent", new EmploymentInput("Northern Group", ClientId: parentOfOther.Id)),
            ["Left the client"] = await PersonAsync("Left the client", new EmploymentInput("Mercy Health System", ClientId: client.Id,
                From: DateTimeOffset.UtcNow.AddYears(-5), To: DateTimeOffset.UtcNow.AddYears(-1))),
            ["At a former client"] = await PersonAsync("At a former client", new EmploymentInput("Old Client", ClientId: formerClient.Id)),
        };
        foreach (var person in intermediaries.Values)
        {
            await Tie(me, person, 5);
            await Tie(person, target, 5);
        }

        var result = await Find(recruiter, new FindWarmPaths(target, 2));

        Assert.That(result.Paths.Select(p => p.Steps[0].To.FullName), Is.EquivalentTo(new[] { "Left the client", "At a former client" }));
    }

    [Test]
    public async Task A_hop_learnt_in_a_confidential_search_shows_its_source_only_to_the_team()
    {
        var client = await SendAs(partner, new CreateClient("Mercy", ClientKind.HospitalOrHealthSystem));
        var search = await SendAs(partner, new CreateSearch(client.Id, "CMO", "Project Cedar"));
        var target = await PersonAsync("Target");
        var x = await PersonAsync("Xavier");
        await Tie(me, x, 5);
        await Tie(x, target, 4, source: "Project Cedar reference call", searchId: search.Id, by: partner);

        var offTeam = (await Find(recruiter, new FindWarmPaths(target))).Paths.Single().Steps[1];
        var onTeam = (await Find(partner, new FindWarmPaths(target))).Paths.Single().Steps[1];

        Assert.Multiple(() =>
        {
            Assert.That(offTeam.Source, Is.Null);
            Assert.That(offTeam.SearchId, Is.Null);
            Assert.That(offTeam.Strength, Is.EqualTo(4));
            Assert.That(onTeam.Source, Is.EqualTo("Project Cedar reference call"));
            Assert.That(onTeam.SearchId, Is.EqualTo(search.Id));
        });
    }

    /// <summary>A super-connector: one person with <paramref name="ties"/> mentees, written straight to the database.</summary>
    private async Task<Guid> HubAsync(int ties)
    {
        var hub = await PersonAsync("Super Connector");
        await Db(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var now = DateTimeOffset.UtcNow;
            var people = Enumerable.Range(0, ties).Select(i => new { Id = Ids.New(), Name = $"Mentee {i}", Now = now }).ToList();
            await connection.ExecuteAsync("INSERT INTO People (Id, FullName, IsOffLimits, CreatedAt, UpdatedAt) VALUES (@Id, @Name, 0, @Now, @Now)", people, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO Relationships (FromPersonNumber, ToPersonNumber, Kind, Strength, Id, CreatedAt, UpdatedAt)
                SELECT h.Number, m.Number, 'Mentor', 3, @RelationshipId, @Now, @Now FROM People h, People m WHERE h.Id = @Hub AND m.Id = @Id
                """, people.Select(p => new { Hub = hub, p.Id, RelationshipId = Ids.New(), p.Now }), transaction);
            await transaction.CommitAsync();
            return 0;
        });
        // Written behind the product's back (no change log): the copy is reloaded, as at start-up.
        if (inMemory) await Network.LoadAsync(CancellationToken.None);
        return hub;
    }

    [Test]
    public async Task A_super_connector_with_50_000_ties_does_not_blow_up_the_search()
    {
        var hub = await HubAsync(50_000);
        var target = await PersonAsync("Target");
        var a = await PersonAsync("A");
        await Tie(me, hub, 4);
        await Tie(hub, target, 3);
        await Tie(me, a, 2);
        await Tie(a, target, 2);

        var watch = Stopwatch.StartNew();
        var result = await Find(recruiter, new FindWarmPaths(target, 4));
        watch.Stop();

        Assert.That(result.Paths.Take(2).Select(p => p.Steps[0].To.FullName), Is.EqualTo(new[] { "Super Connector", "A" }));
        Assert.That(result.PeopleExamined, Is.LessThanOrEqualTo(Options.WarmPathMaxNodes));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task The_node_cap_stops_the_search_and_says_so()
    {
        var hub = await HubAsync(3_000);
        var target = await PersonAsync("Target");
        await Tie(me, hub, 4);
        await Tie(hub, target, 3);
        Options.WarmPathMaxNodes = 500;

        var result = await Find(recruiter, new FindWarmPaths(target, 4));

        Assert.That(result.Truncated, Is.True);
        Assert.That(result.StoppedBy, Is.EqualTo("node-cap"));
        Assert.That(result.PeopleExamined, Is.LessThanOrEqualTo(500));
        Assert.That(result.Paths.Single().Hops, Is.EqualTo(2), "what was found before the cap is still answered");
    }

    [Test]
    public async Task The_time_limit_stops_the_search_and_says_so()
    {
        var target = await PersonAsync("Target");
        var a = await PersonAsync("A");
        await Tie(me, a, 4);
        await Tie(a, target, 3);
        Options.WarmPathTimeLimit = TimeSpan.Zero;

        var result = await Find(recruiter, new FindWarmPaths(target));

        Assert.That(result.Truncated, Is.True);
        Assert.That(result.StoppedBy, Is.EqualTo("time-limit"));
    }

    [Test]
    public async Task Who_we_know_there_lists_people_within_two_hops_with_the_best_introduction()
    {
        var flagged = (await SendAs(partner, new CreatePerson("Flagged", OffLimits: true))).Id;
        var direct = await PersonAsync("Direct", new EmploymentInput("Mercy Health"));
        var viaFriend = await PersonAsync("Via a friend", new EmploymentInput("mercy health"));
        var onlyViaFlagged = await PersonAsync("Only via flagged", new EmploymentInput("Mercy Health"));
        var tooFar = await PersonAsync("Too far", new EmploymentInput("Mercy Health"));
        var former = await PersonAsync("Former", new EmploymentInput("Mercy Health", To: DateTimeOffset.UtcNow.AddYears(-1)));
        var friend = await PersonAsync("Friend");
        var friendOfFriend = await PersonAsync("Friend of friend");
        await Tie(colleague, direct, 3);
        await Tie(me, friend, 4);
        await Tie(friend, viaFriend, 5);
        await Tie(me, flagged, 5);
        await Tie(flagged, onlyViaFlagged, 5);
        await Tie(friend, friendOfFriend, 5);
        await Tie(friendOfFriend, tooFar, 5);
        await Tie(me, former, 5);

        var result = await SendAs(recruiter, new FindPeopleAtOrganisation("MERCY HEALTH"));

        Assert.That(result.People.Select(p => (p.Person.FullName, p.Hops, p.WeakestStrength, p.Introducer.FullName, p.Via?.FullName)), Is.EqualTo(new (string, int, int, string, string?)[]
        {
            ("Direct", 1, 3, "Paul Partner", null),
            ("Via a friend", 2, 4, "Rita Recruiter", "Friend"),
        }));
        Assert.That(result.PeopleAtOrganisationCount, Is.EqualTo(4));
        Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, new FindPeopleAtOrganisation(" ")));
    }
}
