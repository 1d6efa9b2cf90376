using System.Diagnostics;
using SearchFirm.Domain.Network;

namespace SearchFirm.Features.Network;

/// <summary>
/// The best introduction paths from a set of starting people (the firm's staff) to one person:
/// simple paths of at most <see cref="MaxHops"/> hops, ranked by hops, then by their weakest
/// link (strongest first), then by their total strength, then the caller's own paths first.
///
/// How: a bidirectional breadth-first search over ties read in batches (one query per frontier),
/// always growing the smaller frontier, until the two balls meet; then a bounded depth-first
/// enumeration of paths of exactly that length inside the explored ball (a path of length L is
/// fully inside it once the two depths add up to L), pruned by distance and by the third-best
/// path found so far. Fewer than the wanted count at that length: one level more, up to MaxHops.
/// Off-limits people are checked in batches just before they would become intermediaries (before
/// a frontier is expanded, and where the balls meet) and are never expanded or used.
/// Bounded: at most <see cref="MaxNodes"/> people discovered and <see cref="TimeLimit"/> of
/// wall-clock time; past either, the answer is what was found so far, marked as stopped.
/// </summary>
public sealed partial class WarmPathSearch(ITieSource ties, Func<IReadOnlyCollection<Guid>, CancellationToken, Task<HashSet<Guid>>> offLimits)
{
    public int MaxHops { get; init; } = 3;
    public int MaxNodes { get; init; } = 100_000;
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(2);
    public int PathCount { get; init; } = 3;

    /// <summary>A frontier of at most this many people has its ties counted before the side to grow is chosen.</summary>
    public int ProbeLimit { get; init; } = 32;

    private const double DefaultTiesPerPerson = 20;
    private long tiesRead;
    private long peopleRead;

    public enum Stop { None, NodeCap, TimeLimit }

    /// <summary>One hop from <see cref="From"/> to <see cref="To"/>; <see cref="StoredFrom"/> is the relationship's own From.</summary>
    public readonly record struct Hop(Guid From, Guid To, RelationshipKind Kind, int Strength, Guid StoredFrom);

    public sealed record FoundPath(IReadOnlyList<Guid> People, IReadOnlyList<Hop> Hops, int Weakest, int Total)
    {
        public int HopCount => Hops.Count;
    }

    public sealed record Outcome(IReadOnlyList<FoundPath> Paths, int NodesExamined, Stop Stopped);

    private Scratch work = null!;
    private Dictionary<Guid, int> index = null!;
    private NodeList nodes = null!;
    private Stopwatch clock = new();
    private Stop stopped;
    private int depthS;
    private int depthT;
    private int shortest = int.MaxValue;
    private int stamp;   // marks "already tried from this node" in Enumerate; never reused across calls

    /// <param name="sources">Where paths start; <paramref name="caller"/>'s own paths win ties.</param>
    public async Task<Outcome> RunAsync(IEnumerable<Guid> sources, Guid? caller, Guid target, CancellationToken cancellationToken)
    {
        work = Scratch.Rent();
        (index, nodes) = (work.Index, work.Nodes);
        try
        {
            return await SearchAsync(sources, caller, target, cancellationToken);
        }
        finally
        {
            work.Return();
        }
    }

    private async Task<Outcome> SearchAsync(IEnumerable<Guid> sources, Guid? caller, Guid target, CancellationToken cancellationToken)
    {
        clock = Stopwatch.StartNew();
        var t = NodeOf(target);
        nodes[t].IsTarget = true;
        nodes[t].DistT = 0;
        foreach (var source in sources.Where(s => s != target))
        {
            var s = NodeOf(source);
            nodes[s].IsSource = true;
            nodes[s].IsCaller = source == caller;
            nodes[s].DistS = 0;
        }

        var found = new List<FoundPath>();
        if (!Enumerable.Range(0, nodes.Count).Any(i => nodes[i].IsSource)) return new Outcome(found, nodes.Count, Stop.None);

        // Phase 1: grow the smaller side until the balls meet or MaxHops is covered.
        while (shortest > depthS + depthT && depthS + depthT < MaxHops && stopped == Stop.None)
            if (!await ExpandAsync(cancellationToken)) break;

        // Phase 2: enumerate the best paths length by length.
        for (var length = shortest; length <= MaxHops && found.Count < PathCount && stopped == Stop.None; length++)
        {
            while (depthS + depthT < length && stopped == Stop.None)
                if (!await ExpandAsync(cancellationToken)) break;
            if (depthS + depthT < length) break;
            await CheckMeetingNodesAsync(cancellationToken);
            found.AddRange(Enumerate(length, PathCount - found.Count));
        }

        return new Outcome(found, nodes.Count, stopped);
    }

    private int NodeOf(Guid id)
    {
        if (index.TryGetValue(id, out var i)) return i;
        i = nodes.Add(id);
        index.Add(id, i);
        return i;
    }

    private List<Guid> Unloaded(List<int> frontier)
    {
        work.People.Clear();
        foreach (var i in frontier)
            if (!nodes[i].Loaded) work.People.Add(nodes[i].Id);
        return work.People;
    }

    private bool IsIntermediary(int i) => !nodes[i].IsSource && !nodes[i].IsTarget;

    private List<int> Frontier(bool forward)
    {
        var level = forward ? depthS : depthT;
        var frontier = forward ? work.Forward : work.Backward;
        frontier.Clear();
        for (var i = 0; i < nodes.Count; i++)
        {
            ref readonly var n = ref nodes[i];
            if ((forward ? n.DistS : n.DistT) != level || n.Blocked) continue;
            // Paths end at the target and start at a source: neither is walked through.
            if (forward ? n.IsTarget : n.IsSource) continue;
            frontier.Add(i);
        }

        return frontier;
    }

    /// <summary>Grows one side by a level; false when neither side can grow.</summary>
    private async Task<bool> ExpandAsync(CancellationToken cancellationToken)
    {
        if (clock.Elapsed > TimeLimit)
        {
            stopped = Stop.TimeLimit;
            return false;
        }

        var forwardFrontier = Frontier(forward: true);
        var backwardFrontier = Frontier(forward: false);
        if (forwardFrontier.Count == 0 && backwardFrontier.Count == 0) return false;
        // An empty side cannot be grown. Otherwise grow the cheaper side: the one with fewer ties
        // to read. Ties are known only once read, so the frontiers' people stand in for them,
        // except for a small frontier, whose ties are counted in the index (cheap for a few
        // people): one super-connector must not pass for a cheap frontier of one. The other
        // side is then estimated at the ties per person read so far. A tie: the shallower side.
        bool forward;
        if (backwardFrontier.Count == 0) forward = true;
        else if (forwardFrontier.Count == 0) forward = false;
        else
        {
            var perPerson = peopleRead == 0 ? DefaultTiesPerPerson : Math.Max(1.0, (double)tiesRead / peopleRead);
            double costS = forwardFrontier.Count * perPerson, costT = backwardFrontier.Count * perPerson;
            var smallerIsForward = forwardFrontier.Count <= backwardFrontier.Count;
            var smaller = smallerIsForward ? forwardFrontier : backwardFrontier;
            if (smaller.Count <= ProbeLimit)
            {
                var counted = await ties.CountTiesAsync(Unloaded(smaller), cancellationToken);
                if (smallerIsForward) costS = counted; else costT = counted;
            }

            forward = costS < costT || (costS == costT && depthS <= depthT);
        }

        var frontier = forward ? forwardFrontier : backwardFrontier;

        await CheckAsync(frontier.Where(i => IsIntermediary(i)), cancellationToken);
        frontier.RemoveAll(i => nodes[i].Blocked);

        var toLoad = work.Batch;
        toLoad.Clear();
        foreach (var i in frontier)
        {
            if (nodes[i].Loaded) continue;
            toLoad.Add(i);
            nodes[i].Loading = true;
            nodes.ClearEdges(i);
        }

        var rows = 0;
        Guid lastPerson = default;
        var reading = -1;
        var people = work.People;
        people.Clear();
        foreach (var i in toLoad) people.Add(nodes[i].Id);
        await ties.ReadTiesAsync(people, tie =>
        {
            if ((++rows & 255) == 0 && clock.Elapsed > TimeLimit)
            {
                stopped = Stop.TimeLimit;
                return false;
            }

            // A person's ties come together: look the person up once, not once a tie.
            if (reading < 0 || tie.PersonId != lastPerson) (reading, lastPerson) = (index[tie.PersonId], tie.PersonId);
            if (!index.TryGetValue(tie.NeighbourId, out var y))
            {
                if (nodes.Count >= MaxNodes)
                {
                    stopped = Stop.NodeCap;
                    return false;
                }

                y = NodeOf(tie.NeighbourId);
            }

            nodes.AddEdge(reading, new Edge(y, tie.Strength, tie.Kind, tie.Outgoing));
            // An unloaded neighbour keeps the ties seen from loaded people, which are all a path needs.
            if (!nodes[y].Loaded && !nodes[y].Loading) nodes.AddEdge(y, new Edge(reading, tie.Strength, tie.Kind, !tie.Outgoing));
            return true;
        }, cancellationToken);

        tiesRead += rows;
        peopleRead += toLoad.Count;
        foreach (var i in toLoad)
        {
            nodes[i].Loading = false;
            // A read cut short leaves a partial list: it stays "not loaded" and is never trusted as complete.
            nodes[i].Loaded = stopped == Stop.None;
        }

        if (stopped != Stop.None) return false;

        var level = forward ? depthS : depthT;
        var meeting = work.Meeting;
        meeting.Clear();
        foreach (var f in frontier)
        {
            foreach (var edge in nodes.EdgesOf(f))
            {
                ref var n = ref nodes[edge.To];
                if (forward && n.DistS < 0) n.DistS = level + 1;
                else if (!forward && n.DistT < 0) n.DistT = level + 1;
                else continue;
                if (n.DistS >= 0 && n.DistT >= 0) meeting.Add(edge.To);
            }
        }

        if (forward) depthS++;
        else depthT++;

        foreach (var x in frontier)
            if (nodes[x].DistS >= 0 && nodes[x].DistT >= 0) meeting.Add(x);
        await CheckAsync(meeting.Where(i => IsIntermediary(i)), cancellationToken);
        foreach (var m in meeting)
            if (!nodes[m].Blocked && nodes[m].DistS + nodes[m].DistT < shortest)
                shortest = nodes[m].DistS + nodes[m].DistT;
        return true;
    }

    private async Task CheckAsync(IEnumerable<int> candidates, CancellationToken cancellationToken)
    {
        var checking = work.Checking;
        checking.Clear();
        foreach (var i in candidates)
        {
            if (nodes[i].Checked) continue;
            nodes[i].Checked = true;   // now, so that a repeat is not asked twice
            checking.Add(i);
        }

        if (checking.Count == 0) return;
        var ids = work.People;
        ids.Clear();
        foreach (var i in checking) ids.Add(nodes[i].Id);
        var blocked = await offLimits(ids, cancellationToken);
        foreach (var i in checking) nodes[i].Blocked = blocked.Contains(nodes[i].Id);
    }

    /// <summary>People reached from both sides can sit where the two halves of a path join: check them before use.</summary>
    private Task CheckMeetingNodesAsync(CancellationToken cancellationToken) =>
        CheckAsync(Enumerable.Range(0, nodes.Count).Where(i => nodes[i].DistS >= 0 && nodes[i].DistT >= 0 && IsIntermediary(i)), cancellationToken);

    private sealed class Candidate(int[] path, Edge[] edges, int weakest, int total, bool byCaller)
    {
        public readonly int[] Path = path;
        public readonly Edge[] Edges = edges;
        public readonly int Weakest = weakest;
        public readonly int Total = total;
        public readonly bool ByCaller = byCaller;
    }

    private static int Compare(Candidate a, Candidate b)
    {
        if (a.Weakest != b.Weakest) return b.Weakest.CompareTo(a.Weakest);
        if (a.Total != b.Total) return b.Total.CompareTo(a.Total);
        if (a.ByCaller != b.ByCaller) return a.ByCaller ? -1 : 1;
        return 0;
    }

    /// <summary>The best <paramref name="want"/> simple paths of exactly <paramref name="length"/> hops, walked back from the target.</summary>
    private List<FoundPath> Enumerate(int length, int want)
    {
        var best = new List<Candidate>();
        var path = new int[length + 1];
        var used = new Edge[length];
        var target = Enumerable.Range(0, nodes.Count).First(i => nodes[i].IsTarget);
        long steps = 0;
        var stepBudget = (long)MaxNodes * 20;
        path[0] = target;

        void Walk(int position, int weakest, int total)
        {
            ref readonly var v = ref nodes[path[position]];
            var remaining = length - position;
            if (remaining == 0)
            {
                var candidate = new Candidate((int[])path.Clone(), (Edge[])used.Clone(), weakest, total, v.IsCaller);
                var at = best.FindIndex(b => Compare(candidate, b) < 0);
                best.Insert(at < 0 ? best.Count : at, candidate);
                if (best.Count > want) best.RemoveAt(best.Count - 1);
                return;
            }

            // Strongest tie per neighbour only: two kinds of tie to the same person are one hop.
            var seen = ++stamp;
            foreach (var edge in nodes.SortedEdgesOf(path[position]))
            {
                ref var u = ref nodes[edge.To];
                if (u.Mark == seen || u.Mark < 0) continue;
                var nextWeakest = Math.Min(weakest, edge.Strength);
                if (best.Count == want)
                {
                    var kth = best[^1];
                    // Ties are sorted strongest first, so no later tie can beat the kth path either.
                    if (nextWeakest < kth.Weakest) break;
                    if (nextWeakest == kth.Weakest && total + edge.Strength + RelationshipKinds.MaxStrength * (remaining - 1) <= kth.Total) break;
                }

                if (remaining == 1)
                {
                    if (!u.IsSource) continue;
                }
                else
                {
                    if (u.IsSource || u.IsTarget || u.Blocked || !u.Checked) continue;
                    // Still able to reach a source in the hops left?
                    var reachable = u.DistS >= 0 ? u.DistS <= remaining - 1 : depthS + 1 <= remaining - 1;
                    if (!reachable) continue;
                }

                if ((++steps & 1023) == 0 && clock.Elapsed > TimeLimit) stopped = Stop.TimeLimit;
                if (steps > stepBudget && stopped == Stop.None) stopped = Stop.NodeCap;
                if (stopped != Stop.None) return;

                u.Mark = seen;
                var previous = u.Mark;
                u.Mark = -1;                          // on the path
                path[position + 1] = edge.To;
                used[position] = edge;
                Walk(position + 1, nextWeakest, total + edge.Strength);
                u.Mark = previous;
                if (stopped != Stop.None) return;
            }
        }

        nodes[target].Mark = -1;
        Walk(0, int.MaxValue, 0);
        nodes[target].Mark = 0;

        return best.Select(ToFoundPath).ToList();
    }

    /// <summary>Turns a walk from the target back into a path from the source, hop by hop.</summary>
    private FoundPath ToFoundPath(Candidate candidate)
    {
        var people = candidate.Path.Reverse().Select(i => nodes[i].Id).ToList();
        var hops = new List<Hop>();
        for (var k = candidate.Edges.Length - 1; k >= 0; k--)
        {
            // Edge k joins Path[k] (nearer the target, whose list held it) and Path[k + 1].
            var edge = candidate.Edges[k];
            var near = nodes[candidate.Path[k]].Id;
            var far = nodes[candidate.Path[k + 1]].Id;
            hops.Add(new Hop(far, near, edge.Kind, edge.Strength, edge.Outgoing ? near : far));
        }

        return new FoundPath(people, hops, candidate.Weakest, candidate.Total);
    }
}
