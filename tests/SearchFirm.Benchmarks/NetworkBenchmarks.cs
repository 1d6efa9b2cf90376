using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SearchFirm.Domain.Network;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Network;

namespace SearchFirm.Benchmarks;

/// <summary>
/// Warm paths on the generated network: the product (FindWarmPaths through the mediator on
/// SQLite) against the simplest correct method (a plain breadth-first search in memory over the
/// same graph loaded into arrays), and the recursive-CTE alternative. Each query is timed in
/// wall-clock and in process CPU time: on a shared, busy machine the CPU time is what the query
/// costs; the wall-clock time includes waiting for a core.
/// </summary>
public sealed class NetworkBenchmarks(string path, TextWriter log, int samples, string[] engines)
{
    private readonly Random random = new(7);

    public async Task RunAsync()
    {
        var size = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        log.WriteLine($"database: {path}, {size / 1024.0 / 1024.0 / 1024.0:F2} GiB");

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        var staffUser = Scalar<string>(connection, "SELECT u.Id FROM Users u JOIN People p ON p.UserId = u.Id ORDER BY u.Email LIMIT 1");
        var people = Scalar<long>(connection, "SELECT COUNT(*) FROM People");
        var relationships = Scalar<long>(connection, "SELECT COUNT(*) FROM Relationships");
        log.WriteLine($"{people:N0} people, {relationships:N0} relationships");

        // The graph in arrays, for the baseline (and to find the super-connector).
        var watch = Stopwatch.StartNew();
        var graph = MemoryGraph.Load(connection);
        log.WriteLine($"baseline load: the whole graph into arrays in {watch.Elapsed.TotalSeconds:F1} s, {graph.MemoryBytes / 1024.0 / 1024.0:F0} MiB");
        var super = graph.MaxDegreeNode();
        log.WriteLine($"super-connector: degree {graph.Degree(super):N0}");
        var offLimits = graph.LoadOffLimits(connection, DateTimeOffset.UtcNow);
        log.WriteLine($"off-limits intermediaries: {offLimits.Count(b => b):N0}");

        // Separate targets for each run, so that no run finds its neighbourhoods already touched by another.
        List<int> RandomTargets() => Enumerable.Range(0, samples).Select(_ => random.Next(graph.Count)).ToList();
        var superNeighbours = graph.Neighbours(super).OrderBy(_ => random.Next()).ToList();
        List<int> SuperNeighbours(int run) => superNeighbours.Skip(run * samples).Take(samples).ToList();
        var randomTargets = RandomTargets();

        foreach (var engine in engines.Where(e => e is "memory" or "database"))
        {
            var inMemory = engine == "memory";
            await using var host = new BenchmarkHost(path, new Dictionary<string, string?> { ["Network:InMemoryGraph"] = inMemory ? "true" : "false" });
            host.UserId = Guid.Parse(staffUser);
            host.Role = Role.Recruiter;
            var network = host.Services.GetRequiredService<InMemoryNetwork>();
            var loader = inMemory ? await StartLoaderAsync(host, network) : null;

            // Warm the page cache and the JIT: a server has run its searches thousands of times, and
            // .NET compiles a method's optimised code only after 30 calls (tiered compilation).
            foreach (var t in randomTargets) await host.SendAsync(new FindWarmPaths(graph.Id(t), 4));
            await SearchAsync(host, engine, graph, offLimits, RandomTargets, SuperNeighbours, super);
            if (inMemory) log.WriteLine($"searches served from memory: {network.ServedFromMemory:N0}");
            if (loader is not null) await loader.StopAsync(CancellationToken.None);
        }

        if (engines.Contains("cte")) RecursiveCte(connection, randomTargets.Take(5).Select(graph.Id).ToList());
    }

    private async Task SearchAsync(BenchmarkHost host, string engine, MemoryGraph graph, bool[] offLimits,
        Func<List<int>> RandomTargets, Func<int, List<int>> SuperNeighbours, int super)
    {
        foreach (var label in new[] { "random people", "neighbours of the super-connector", "the super-connector itself" })
        {
            foreach (var hops in new[] { 3, 4 })
            {
                var targets = label switch
                {
                    "random people" => RandomTargets(),
                    "neighbours of the super-connector" => SuperNeighbours(hops),
                    _ => Enumerable.Repeat(super, Math.Min(samples, 20)).ToList(),
                };
                var wall = new Latencies();
                var cpu = new Latencies();
                var baselineWall = new Latencies();
                int found = 0, truncated = 0, agree = 0;
                long examined = 0;
                foreach (var target in targets)
                {
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var w = Stopwatch.StartNew();
                    var result = await host.SendAsync(new FindWarmPaths(graph.Id(target), hops));
                    wall.Add(w.Elapsed.TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                    examined += result.PeopleExamined;
                    if (result.Paths.Count > 0) found++;
                    if (result.Truncated) truncated++;

                    w.Restart();
                    var distance = graph.ShortestDistanceToStaff(target, hops, offLimits);
                    baselineWall.Add(w.Elapsed.TotalMilliseconds);
                    var ours = result.Paths.Count > 0 ? result.Paths[0].Hops : -1;
                    if (ours == distance || result.Truncated) agree++;
                }

                log.WriteLine($"[{engine}] warm paths, {label}, maxHops {hops}: wall {wall.Summary}; cpu p50 {cpu.Percentile(50):F1} ms, p95 {cpu.Percentile(95):F1} ms; " +
                              $"paths found for {found}/{targets.Count}, truncated {truncated}, people examined avg {examined / Math.Max(1, targets.Count):N0}; " +
                              $"baseline in-memory BFS wall {baselineWall.Summary}; same hop count as the baseline: {agree}/{targets.Count}");
            }
        }

    }

    /// <summary>
    /// The in-memory copy as an instance gets it: the loader (a hosted service) loads it in the
    /// background and then keeps it current (change log, off-limits) while the searches run.
    /// </summary>
    private async Task<IHostedService> StartLoaderAsync(BenchmarkHost host, InMemoryNetwork network)
    {
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var loader = host.Services.GetServices<IHostedService>().OfType<NetworkGraphLoader>().Single();
        await loader.StartAsync(CancellationToken.None);
        while (network.LastLoad is null || !network.IsCurrent) await Task.Delay(10);
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var stats = network.LastLoad!;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        log.WriteLine($"in-memory graph: {stats.People:N0} people, {stats.Relationships:N0} relationships loaded in {watch.Elapsed.TotalSeconds:F1} s wall, {cpuSeconds:F1} s CPU; " +
                      $"arrays {stats.MemoryBytes / 1048576.0:F0} MiB, managed heap +{(heapAfter - heapBefore) / 1048576.0:F0} MiB, process working set {Environment.WorkingSet / 1048576.0:F0} MiB");
        return loader;
    }

    /// <summary>The alternative: one recursive CTE from the target, hop by hop, until a member of staff is reached.</summary>
    private void RecursiveCte(SqliteConnection connection, List<Guid> targets)
    {
        const string sql = """
            WITH RECURSIVE walk(node, depth) AS (
                SELECT (SELECT Number FROM People WHERE Id = $target), 0
                UNION
                SELECT r.ToPersonNumber, w.depth + 1 FROM walk w JOIN Relationships r ON r.FromPersonNumber = w.node WHERE w.depth < $hops
                UNION
                SELECT r.FromPersonNumber, w.depth + 1 FROM walk w JOIN Relationships r ON r.ToPersonNumber = w.node WHERE w.depth < $hops
            )
            SELECT MIN(w.depth) FROM walk w JOIN People p ON p.Number = w.node WHERE p.UserId IS NOT NULL
            """;
        foreach (var hops in new[] { 2, 3 })
        {
            var wall = new Latencies();
            // At 3 hops one query takes long enough that two targets make the point.
            foreach (var target in targets.Take(hops == 2 ? 5 : 2))
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.CommandTimeout = 120;
                command.Parameters.AddWithValue("$target", target.ToString("D"));
                command.Parameters.AddWithValue("$hops", hops);
                wall.Add(Latencies.Time(() => command.ExecuteScalar()));
            }

            log.WriteLine($"recursive CTE (distance only, no ranking, no off-limits), maxHops {hops}: wall {wall.Summary}");
        }
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The simplest correct method: the whole graph in compressed arrays and a plain BFS.</summary>
public sealed class MemoryGraph
{
    private Guid[] ids = [];
    private Dictionary<string, int> index = [];
    private int[] offsets = [];
    private int[] neighbours = [];
    private bool[] staff = [];

    public int Count => ids.Length;

    public long MemoryBytes => (long)ids.Length * 16 + offsets.Length * 4L + neighbours.Length * 4L + index.Count * 64L;

    public Guid Id(int node) => ids[node];

    public int Degree(int node) => offsets[node + 1] - offsets[node];

    public IEnumerable<int> Neighbours(int node)
    {
        for (var k = offsets[node]; k < offsets[node + 1]; k++) yield return neighbours[k];
    }

    public int MaxDegreeNode()
    {
        var best = 0;
        for (var i = 1; i < Count; i++) if (Degree(i) > Degree(best)) best = i;
        return best;
    }

    public static MemoryGraph Load(SqliteConnection connection)
    {
        var graph = new MemoryGraph();
        var idList = new List<string>();
        var staffList = new List<bool>();
        var byNumber = new Dictionary<long, int>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id, UserId IS NOT NULL, Number FROM People";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                idList.Add(reader.GetString(0));
                staffList.Add(reader.GetInt64(1) == 1);
                byNumber[reader.GetInt64(2)] = idList.Count - 1;
            }
        }

        graph.index = new Dictionary<string, int>(idList.Count, StringComparer.Ordinal);
        for (var i = 0; i < idList.Count; i++) graph.index[idList[i]] = i;
        graph.ids = idList.Select(Guid.Parse).ToArray();
        graph.staff = staffList.ToArray();

        var from = new List<int>();
        var to = new List<int>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT FromPersonNumber, ToPersonNumber FROM Relationships";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                from.Add(byNumber[reader.GetInt64(0)]);
                to.Add(byNumber[reader.GetInt64(1)]);
            }
        }

        var degree = new int[graph.Count + 1];
        for (var k = 0; k < from.Count; k++) { degree[from[k]]++; degree[to[k]]++; }
        graph.offsets = new int[graph.Count + 1];
        for (var i = 0; i < graph.Count; i++) graph.offsets[i + 1] = graph.offsets[i] + degree[i];
        graph.neighbours = new int[from.Count * 2];
        var fill = (int[])graph.offsets.Clone();
        for (var k = 0; k < from.Count; k++)
        {
            graph.neighbours[fill[from[k]]++] = to[k];
            graph.neighbours[fill[to[k]]++] = from[k];
        }

        return graph;
    }

    /// <summary>The same rule as OffLimitsIntermediaries, evaluated once for everyone.</summary>
    public bool[] LoadOffLimits(SqliteConnection connection, DateTimeOffset now)
    {
        var blocked = new bool[Count];
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH Live AS (
                SELECT s.ClientId FROM Searches s WHERE s.Status IN ('Open', 'OnHold') OR (s.ClosedAt IS NOT NULL AND s.ClosedAt >= $since)
            ), Protected AS (
                SELECT ClientId FROM Live
                UNION SELECT c.Id FROM Clients c WHERE c.ParentClientId IN (SELECT ClientId FROM Live)
                UNION SELECT c.ParentClientId FROM Clients c WHERE c.ParentClientId IS NOT NULL AND c.Id IN (SELECT ClientId FROM Live)
            )
            SELECT p.Id FROM People p WHERE p.IsOffLimits = 1
            UNION
            SELECT e.PersonId FROM Employment e WHERE e.EndDate IS NULL AND e.ClientId IN (SELECT ClientId FROM Protected)
            """;
        command.Parameters.AddWithValue("$since", SearchFirm.Data.TypeHandlers.ToSqliteText(now.AddDays(-365)));
        using var reader = command.ExecuteReader();
        while (reader.Read()) blocked[index[reader.GetString(0)]] = true;
        return blocked;
    }

    /// <summary>Plain BFS from the target: the fewest hops to any member of staff through people who are not off-limits; -1 if none within maxHops.</summary>
    public int ShortestDistanceToStaff(int target, int maxHops, bool[] offLimits)
    {
        var distance = new Dictionary<int, int> { [target] = 0 };
        var frontier = new List<int> { target };
        for (var depth = 1; depth <= maxHops && frontier.Count > 0; depth++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                for (var k = offsets[node]; k < offsets[node + 1]; k++)
                {
                    var n = neighbours[k];
                    if (n == target || distance.ContainsKey(n)) continue;
                    if (staff[n]) return depth;
                    distance[n] = depth;
                    // Off-limits people and staff are never walked through.
                    if (!offLimits[n]) next.Add(n);
                }
            }

            frontier = next;
        }

        return -1;
    }
}
