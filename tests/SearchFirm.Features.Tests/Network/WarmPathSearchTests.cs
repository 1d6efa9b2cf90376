using SearchFirm.Domain.Network;
using SearchFirm.Features.Network;

namespace SearchFirm.Features.Tests.Network;

/// <summary>The warm-path algorithm on its own, over ties held in memory: ranking, bounds, blocked people.</summary>
public sealed class WarmPathSearchTests
{
    /// <summary>Ties in memory, optionally slow, counting the reads.</summary>
    private sealed class MemoryTies(TimeSpan delay = default) : ITieSource
    {
        private readonly Dictionary<Guid, List<Tie>> ties = [];

        public int Reads { get; private set; }

        public Guid Add(Guid a, Guid b, int strength, RelationshipKind kind = RelationshipKind.Knows)
        {
            Of(a).Add(new Tie(a, b, kind, strength, true));
            Of(b).Add(new Tie(b, a, kind, strength, false));
            return b;
        }

        public Task<long> CountTiesAsync(IReadOnlyCollection<Guid> people, CancellationToken cancellationToken) =>
            Task.FromResult(people.Sum(p => (long)(ties.GetValueOrDefault(p)?.Count ?? 0)));

        private List<Tie> Of(Guid id) => ties.TryGetValue(id, out var list) ? list : ties[id] = [];

        public async Task ReadTiesAsync(IReadOnlyCollection<Guid> people, Func<Tie, bool> accept, CancellationToken cancellationToken)
        {
            Reads++;
            if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken);
            foreach (var person in people)
                foreach (var tie in ties.GetValueOrDefault(person) ?? [])
                    if (!accept(tie)) return;
        }
    }

    private static Func<IReadOnlyCollection<Guid>, CancellationToken, Task<HashSet<Guid>>> Blocking(params Guid[] blocked) =>
        (people, _) => Task.FromResult(people.Where(blocked.Contains).ToHashSet());

    private static readonly Guid Me = Guid.NewGuid();
    private static readonly Guid Colleague = Guid.NewGuid();
    private static readonly Guid Target = Guid.NewGuid();

    [Test]
    public async Task Shorter_paths_come_first_then_stronger_weakest_links()
    {
        var ties = new MemoryTies();
        var x = ties.Add(Me, Guid.NewGuid(), 4);
        ties.Add(x, Target, 4);
        var y = ties.Add(Colleague, Guid.NewGuid(), 2);
        ties.Add(y, Target, 5);
        var z1 = ties.Add(Me, Guid.NewGuid(), 5);
        var z2 = ties.Add(z1, Guid.NewGuid(), 5);
        ties.Add(z2, Target, 5);

        var outcome = await new WarmPathSearch(ties, Blocking()).RunAsync([Me, Colleague], Me, Target, CancellationToken.None);

        Assert.That(outcome.Paths.Select(p => p.People), Is.EqualTo(new[]
        {
            new[] { Me, x, Target },
            new[] { Colleague, y, Target },
            new[] { Me, z1, z2, Target },
        }));
        Assert.That(outcome.Stopped, Is.EqualTo(WarmPathSearch.Stop.None));
    }

    [Test]
    public async Task Paths_are_simple_and_blocked_people_are_avoided()
    {
        var ties = new MemoryTies();
        var a = ties.Add(Me, Guid.NewGuid(), 5);
        var blocked = ties.Add(a, Guid.NewGuid(), 5);
        ties.Add(blocked, Target, 5);
        var b = ties.Add(a, Guid.NewGuid(), 1);
        ties.Add(b, Target, 1);

        var outcome = await new WarmPathSearch(ties, Blocking(blocked)) { MaxHops = 4 }.RunAsync([Me], Me, Target, CancellationToken.None);

        Assert.That(outcome.Paths.Select(p => p.People), Is.EqualTo(new[] { new[] { Me, a, b, Target } }));
    }

    [Test]
    public async Task Each_search_starts_afresh_though_the_next_one_reuses_its_memory()
    {
        var ties = new MemoryTies();
        var a = ties.Add(Me, Guid.NewGuid(), 5);
        var via = ties.Add(a, Guid.NewGuid(), 5);
        ties.Add(via, Target, 5);
        var hub = ties.Add(Me, Guid.NewGuid(), 1);
        for (var i = 0; i < 5_000; i++) ties.Add(hub, Guid.NewGuid(), 1);
        Task<WarmPathSearch.Outcome> Search(params Guid[] blocked) =>
            new WarmPathSearch(ties, Blocking(blocked)) { MaxHops = 4 }.RunAsync([Me], Me, Target, CancellationToken.None);

        var blockedFirst = await Search(via);
        var free = await Search();
        var blockedAgain = await Search(via);

        Assert.That(blockedFirst.Paths, Is.Empty);
        Assert.That(free.Paths.Select(p => p.People), Is.EqualTo(new[] { new[] { Me, a, via, Target } }));
        Assert.That(blockedAgain.Paths, Is.Empty);
        Assert.That(blockedAgain.NodesExamined, Is.EqualTo(blockedFirst.NodesExamined));
    }

    [Test]
    public async Task A_slow_source_is_cut_off_by_the_time_limit()
    {
        var ties = new MemoryTies(TimeSpan.FromMilliseconds(100));
        var previous = Me;
        for (var i = 0; i < 3; i++) previous = ties.Add(previous, Guid.NewGuid(), 3);
        ties.Add(previous, Target, 3);

        var outcome = await new WarmPathSearch(ties, Blocking()) { MaxHops = 4, TimeLimit = TimeSpan.FromMilliseconds(150) }
            .RunAsync([Me], Me, Target, CancellationToken.None);

        Assert.That(outcome.Stopped, Is.EqualTo(WarmPathSearch.Stop.TimeLimit));
        Assert.That(ties.Reads, Is.LessThanOrEqualTo(3));
        Assert.That(outcome.Paths, Is.Empty);
    }

    [Test]
    public async Task The_node_cap_bounds_a_super_connector()
    {
        var ties = new MemoryTies();
        var hub = ties.Add(Me, Guid.NewGuid(), 4);
        for (var i = 0; i < 50_000; i++) ties.Add(hub, Guid.NewGuid(), 2);
        ties.Add(hub, Target, 3);

        var outcome = await new WarmPathSearch(ties, Blocking()) { MaxHops = 4, MaxNodes = 1_000 }.RunAsync([Me], Me, Target, CancellationToken.None);

        Assert.That(outcome.Stopped, Is.EqualTo(WarmPathSearch.Stop.NodeCap));
        Assert.That(outcome.NodesExamined, Is.LessThanOrEqualTo(1_000));
        Assert.That(outcome.Paths.Single().People, Is.EqualTo(new[] { Me, hub, Target }));
    }
}
