using System.Collections.Immutable;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchFirm.Data;

namespace SearchFirm.Features.Network;

/// <summary>
/// This instance's copy of the network, for warm paths: a <see cref="GraphSnapshot"/> loaded in
/// the background (<see cref="NetworkGraphLoader"/>), plus the ties of people changed since, kept
/// current from the change log (NetworkChanges): by the loader every few seconds, and by each
/// search before it starts, so a relationship recorded on any instance is seen by the next search
/// on every instance. Several instances each keep their own copy; the database stays the source
/// of truth, and what decides safety (off-limits, confidential sources) is always read from it.
/// <see cref="CurrentAsync"/> is null while the copy is not loaded, after a bulk change (an import)
/// until it is reloaded, or when disabled (Network:InMemoryGraph = false): callers then read ties
/// from the database (<see cref="NetworkGraph"/>).
/// </summary>
public sealed partial class InMemoryNetwork(IConnectionFactory factory, ISqlDialect dialect, IOptions<NetworkOptions> options,
    TimeProvider clock, ILogger<InMemoryNetwork> logger)
{
    /// <summary>Past this many changed people since loading, a full reload is due (the overlay is a dictionary, not arrays).</summary>
    public const int MaxChangedPeople = 50_000;

    /// <param name="ReadAt">When the change log was last read: the log is pruned, so a copy that has not read it for long reloads.</param>
    private sealed record State(GraphSnapshot Graph, ImmutableDictionary<Guid, Tie[]> Changed, ChangePosition Position, bool Stale, DateTimeOffset ReadAt);

    private readonly SemaphoreSlim catchUp = new(1, 1);
    private readonly SemaphoreSlim loading = new(1, 1);
    private sealed record OffLimitsSet(HashSet<Guid> People, DateTimeOffset TakenAt);

    private volatile State? state;
    private volatile OffLimitsSet? offLimits;
    private long servedFromMemory;

    public bool Enabled => options.Value.InMemoryGraph;

    /// <summary>True once a copy is loaded and no bulk change is pending.</summary>
    public bool IsCurrent => state is { Stale: false };

    /// <summary>A reload is due: never loaded, a bulk change was logged, or too many people changed.</summary>
    public bool ReloadDue => Enabled && (state is null || state.Stale);

    /// <summary>Searches served from memory so far (tests and benchmarks check which path ran).</summary>
    public long ServedFromMemory => Interlocked.Read(ref servedFromMemory);

    public sealed record LoadStatistics(int People, long Relationships, long MemoryBytes, TimeSpan Elapsed);

    public LoadStatistics? LastLoad { get; private set; }

    /// <summary>Loads the whole graph (on its own connection) and swaps it in; searches meanwhile use what was there.</summary>
    public async Task<LoadStatistics> LoadAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            await using var connection = await factory.OpenAsync(cancellationToken);
            // The mark first: a change committed during the scan is either in it or after the mark.
            var markedAt = clock.GetUtcNow();
            var mark = await NetworkChangeLog.LatestAsync(connection, cancellationToken);
            var graph = await GraphSnapshot.LoadAsync(connection, cancellationToken);
            await catchUp.WaitAsync(cancellationToken);
            try
            {
                state = new State(graph, ImmutableDictionary<Guid, Tie[]>.Empty, ChangePosition.At(mark), Stale: false, markedAt);
            }
            finally
            {
                catchUp.Release();
            }

            await CatchUpAsync(connection, cancellationToken);
            await RefreshOffLimitsAsync(connection, cancellationToken);
            LastLoad = new LoadStatistics(graph.PersonCount, graph.RelationshipCount, graph.MemoryBytes, watch.Elapsed);
            Loaded(logger, graph.PersonCount, graph.RelationshipCount, graph.MemoryBytes / (1024 * 1024), watch.ElapsedMilliseconds);
            return LastLoad;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>The graph as of now, caught up on this connection; null when the database must be read instead.</summary>
    internal async Task<ITieSource?> CurrentAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // A stale copy waits for its reload: reading the log for it would change nothing.
        if (!Enabled || state is null or { Stale: true }) return null;
        await CatchUpAsync(connection, cancellationToken);
        var current = state;
        if (current is null || current.Stale) return null;
        Interlocked.Increment(ref servedFromMemory);
        return new Source(current);
    }

    /// <summary>Applies what the change log holds past this copy's mark: re-reads the changed people's ties.</summary>
    internal async Task CatchUpAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await catchUp.WaitAsync(cancellationToken);
        try
        {
            var current = state;
            if (current is null || current.Stale) return;
            var now = clock.GetUtcNow();
            if (now - current.ReadAt > options.Value.EffectiveChangeLogRetention / 2)
            {
                // Rows past this copy's mark may have been pruned since it last read the log.
                state = current with { Stale = true };
                return;
            }

            var read = await NetworkChangeLog.SinceAsync(connection, current.Position.ReadAfter, cancellationToken);
            var (position, fresh) = current.Position.Advance(read, now);
            if (fresh.Count == 0 || fresh.Any(c => c.IsBulk))
            {
                state = current with { Position = position, Stale = fresh.Any(c => c.IsBulk), ReadAt = now };
                return;
            }

            var people = fresh.SelectMany(c => new[] { c.FromPersonId, c.ToPersonId }).OfType<Guid>().Distinct().ToList();
            var ties = people.ToDictionary(p => p, _ => new List<Tie>());
            await new NetworkGraph(connection, dialect).ReadTiesAsync(people, tie =>
            {
                ties[tie.PersonId].Add(tie);
                return true;
            }, cancellationToken);
            var changed = current.Changed.SetItems(ties.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.ToArray())));
            state = new State(current.Graph, changed, position, Stale: changed.Count > MaxChangedPeople, now);
        }
        finally
        {
            catchUp.Release();
        }
    }

    /// <summary>
    /// Catches up on its own connection, and re-reads the off-limits people when their copy is older
    /// than <see cref="NetworkOptions.OffLimitsRefreshInterval"/>: what the loader does between searches.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (state is null) return;
        await using var connection = await factory.OpenAsync(cancellationToken);
        await CatchUpAsync(connection, cancellationToken);
        if (offLimits is null || clock.GetUtcNow() - offLimits.TakenAt >= options.Value.OffLimitsRefreshInterval)
            await RefreshOffLimitsAsync(connection, cancellationToken);
    }

    private async Task RefreshOffLimitsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rule = await OffLimitsIntermediaries.LoadAsync(connection, dialect, now, cancellationToken);
        offLimits = new OffLimitsSet(await rule.AllAsync(cancellationToken), now);
    }

    /// <summary>
    /// Everyone off-limits as of a few seconds ago (at most three refresh intervals), or null. Good
    /// enough to steer a search, never to trust: the people on the paths it finds are checked
    /// against the database before they are shown (<see cref="FindWarmPathsHandler"/>).
    /// </summary>
    internal IReadOnlySet<Guid>? RecentOffLimits()
    {
        var current = offLimits;
        return current is not null && clock.GetUtcNow() - current.TakenAt <= 3 * options.Value.OffLimitsRefreshInterval ? current.People : null;
    }

    /// <summary>Ties read from one state of the copy: the changed people's from the overlay, the rest from the arrays.</summary>
    private sealed class Source(State state) : ITieSource
    {
        public Task ReadTiesAsync(IReadOnlyCollection<Guid> people, Func<Tie, bool> accept, CancellationToken cancellationToken)
        {
            foreach (var person in people)
            {
                if (state.Changed.TryGetValue(person, out var ties))
                {
                    foreach (var tie in ties)
                        if (!accept(tie)) return Task.CompletedTask;
                }
                else if (state.Graph.TryGetIndex(person, out var node) && !state.Graph.ReadTies(node, accept))
                {
                    return Task.CompletedTask;
                }
            }

            return Task.CompletedTask;
        }

        public Task<long> CountTiesAsync(IReadOnlyCollection<Guid> people, CancellationToken cancellationToken)
        {
            long count = 0;
            foreach (var person in people)
            {
                if (state.Changed.TryGetValue(person, out var ties)) count += ties.Length;
                else if (state.Graph.TryGetIndex(person, out var node)) count += state.Graph.Degree(node);
            }

            return Task.FromResult(count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Network graph loaded: {People} people, {Relationships} relationships, {MiB} MiB, in {Milliseconds} ms")]
    private static partial void Loaded(ILogger logger, int people, long relationships, long miB, long milliseconds);
}
