using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SearchFirm.Data;

namespace SearchFirm.Benchmarks;

/// <summary>
/// Writes a large referral network straight into a SQLite file with the product's schema (the
/// real migrations): people with employment at organisations (some of them clients with live
/// searches), staff users linked to people, and relationships with a realistic degree
/// distribution: most people have 5-30 ties, 1% are hubs with 100-500, and a few
/// super-connectors have thousands, the biggest exactly <see cref="SuperConnectorTies"/>.
/// Fast because rows go in key order through one prepared statement per table in one
/// transaction with journaling off, and secondary indexes are dropped first and rebuilt
/// (sorted) at the end, from the DDL the migrations created.
/// </summary>
public sealed class NetworkGenerator(int people, int relationships, int seed = 20261123)
{
    public const int SuperConnectorTies = 50_000;
    public const int StaffCount = 100;
    public const int ClientCount = 200;
    private const string Now = "2026-11-01T00:00:00.0000000Z";

    private static readonly string[] Kinds = ["WorkedWith", "Knows", "ReportedTo", "Mentor", "BoardTogether"];
    private static readonly int[] KindWeights = [40, 35, 12, 5, 8];
    private static readonly int[] StrengthWeights = [10, 25, 35, 20, 10];
    private static readonly string[] FirstNames = ["Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "James", "Kofi", "Lena", "Marcus", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoe"];
    private static readonly string[] LastNames = ["Adams", "Brown", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ibrahim", "Jones", "Khan", "Lopez", "Martin", "Nguyen", "Okafor", "Patel", "Quint", "Rossi", "Smith", "Taylor", "Ueda", "Vargas", "Walsh", "Xu", "Young", "Zhang"];

    public string[] PersonIds { get; private set; } = [];
    public int SuperConnector { get; private set; }
    public int[] Staff { get; private set; } = [];
    public Guid StaffUserId { get; private set; }

    public async Task WriteAsync(string path, TextWriter log)
    {
        var total = Stopwatch.StartNew();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        await MigrateAsync(path);

        var random = new Random(seed);
        PersonIds = Enumerable.Range(0, people).Select(_ => Guid.CreateVersion7().ToString("D")).ToArray();
        // Node i is person number i + 1 (PersonNumber), so rows sorted by node are sorted by key.
        Array.Sort(PersonIds, StringComparer.Ordinal);

        var organisationOf = Organisations(random, out var organisationCount);
        var degrees = Degrees(random);
        var edges = Pair(random, degrees, organisationOf, organisationCount);
        log.WriteLine($"graph: {people:N0} people, {edges.Count:N0} relationships, {organisationCount:N0} organisations, generated in {total.Elapsed.TotalSeconds:F1} s");

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        Exec(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -2000000; PRAGMA temp_store = MEMORY; PRAGMA locking_mode = EXCLUSIVE;");
        var indexes = DropIndexes(connection, ["People", "Employment", "Relationships"]);
        await using (var transaction = connection.BeginTransaction())
        {
            var clientIds = WriteClientsAndSearches(connection, random);
            WriteStaff(connection, random);
            WritePeople(connection, random, organisationOf);
            WriteEmployment(connection, random, organisationOf, clientIds);
            var watch = Stopwatch.StartNew();
            WriteRelationships(connection, random, edges);
            log.WriteLine($"relationships written in {watch.Elapsed.TotalSeconds:F1} s");
            transaction.Commit();
        }

        var rebuild = Stopwatch.StartNew();
        foreach (var ddl in indexes) Exec(connection, ddl);
        Exec(connection, "ANALYZE;");
        log.WriteLine($"indexes rebuilt and analysed in {rebuild.Elapsed.TotalSeconds:F1} s");
        Exec(connection, "PRAGMA journal_mode = WAL;");
        log.WriteLine($"done in {total.Elapsed.TotalSeconds:F1} s: {new FileInfo(path).Length / 1024.0 / 1024.0:N0} MiB");
    }

    private static async Task MigrateAsync(string path)
    {
        var services = new ServiceCollection().AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSearchFirmData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path}" });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Migrator>().MigrateAsync();
        SqliteConnection.ClearAllPools();
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private static List<string> DropIndexes(SqliteConnection connection, string[] tables)
    {
        var ddl = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('" + string.Join("','", tables) + "')";
            using var reader = command.ExecuteReader();
            while (reader.Read()) ddl.Add((reader.GetString(0), reader.GetString(1)));
        }

        foreach (var (name, _) in ddl) Exec(connection, $"DROP INDEX {name}");
        return ddl.Select(d => d.Sql).ToList();
    }

    /// <summary>Organisation sizes follow a power law: a few systems with thousands of people, many small ones.</summary>
    private int[] Organisations(Random random, out int count)
    {
        var organisationOf = new int[people];
        var next = 0;
        var organisation = 0;
        while (next < people)
        {
            var size = (int)Math.Min(5_000, 20 / Math.Pow(random.NextDouble() + 1e-4, 0.8));
            for (var i = 0; i < size && next < people; i++) organisationOf[next++] = organisation;
            organisation++;
        }

        // Shuffle membership so that organisation and key order are unrelated.
        random.Shuffle(organisationOf);
        count = organisation;
        return organisationOf;
    }

    private int[] Degrees(Random random)
    {
        var degrees = new int[people];
        for (var i = 0; i < people; i++)
        {
            // Most people 5..30, skewed low (mean about 14).
            degrees[i] = 5 + (int)(25 * Math.Pow(random.NextDouble(), 1.6));
        }

        var order = Enumerable.Range(0, people).ToArray();
        random.Shuffle(order);
        SuperConnector = order[0];
        degrees[order[0]] = SuperConnectorTies;
        for (var k = 1; k < 10; k++) degrees[order[k]] = random.Next(2_000, 20_001);
        for (var k = 10; k < 10 + people / 100; k++) degrees[order[k]] = random.Next(100, 501);

        // Scale the ordinary people so that the stubs add up to twice the relationships (+3% for
        // the self-pairs and duplicates the pairing drops).
        long wanted = (long)(relationships * 2 * 1.03);
        long fixedStubs = 0, ordinaryStubs = 0;
        for (var i = 0; i < people; i++)
        {
            if (i == order[0] || degrees[i] > 30) fixedStubs += degrees[i];
            else ordinaryStubs += degrees[i];
        }

        var scale = (double)(wanted - fixedStubs) / ordinaryStubs;
        for (var i = 0; i < people; i++)
            if (degrees[i] <= 30 && i != order[0]) degrees[i] = Math.Max(1, (int)Math.Round(degrees[i] * scale));
        return degrees;
    }

    /// <summary>
    /// A configuration model with locality: 60% of an ordinary person's stubs pair within their
    /// organisation (colleagues know each other), the rest and all hub stubs pair at random.
    /// Self-pairs and repeated pairs are dropped; the result is trimmed to exactly the count asked.
    /// </summary>
    private List<(int A, int B)> Pair(Random random, int[] degrees, int[] organisationOf, int organisationCount)
    {
        var local = new List<int>[organisationCount];
        var global = new List<int>(relationships * 2);
        for (var i = 0; i < people; i++)
        {
            var d = degrees[i];
            var toLocal = d <= 60 ? (int)(d * 0.6) : 0;
            var list = local[organisationOf[i]] ??= [];
            for (var k = 0; k < toLocal; k++) list.Add(i);
            for (var k = toLocal; k < d; k++) global.Add(i);
        }

        var seen = new HashSet<long>(relationships + relationships / 10);
        var edges = new List<(int, int)>(relationships + relationships / 10);

        void PairUp(List<int> stubs, List<int> leftovers)
        {
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stubs));
            for (var k = 0; k + 1 < stubs.Count; k += 2)
            {
                int a = stubs[k], b = stubs[k + 1];
                if (a == b) { leftovers.Add(a); continue; }
                var key = ((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b);
                if (seen.Add(key)) edges.Add((a, b));
            }

            if (stubs.Count % 2 == 1) leftovers.Add(stubs[^1]);
        }

        foreach (var list in local)
            if (list is not null) PairUp(list, global);
        PairUp(global, []);

        // The super-connector gets exactly its ties (pairing drops some as repeats; top up with
        // random people), and they all survive the trim to the exact relationship count.
        var super = SuperConnector;
        var ordered = edges.Where(e => e.Item1 == super || e.Item2 == super).Take(SuperConnectorTies).ToList();
        while (ordered.Count < SuperConnectorTies)
        {
            var other = random.Next(people);
            if (other != super && seen.Add(((long)Math.Min(super, other) << 32) | (uint)Math.Max(super, other))) ordered.Add((super, other));
        }

        var rest = edges.Where(e => e.Item1 != super && e.Item2 != super).ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rest));
        ordered.AddRange(rest.Take(relationships - ordered.Count));

        // Small organisations drop more repeated pairs than the margin allowed for: top up with
        // random ties between ordinary people until the count is exact.
        while (ordered.Count < relationships)
        {
            int a = random.Next(people), b = random.Next(people);
            if (a == b || degrees[a] > 60 || degrees[b] > 60) continue;
            if (seen.Add(((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b))) ordered.Add((a, b));
        }

        return ordered;
    }

    private static int Weighted(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }

        return weights.Length - 1;
    }

    private string[] searchIds = [];

    private string[] WriteClientsAndSearches(SqliteConnection connection, Random random)
    {
        var clientIds = Enumerable.Range(0, ClientCount).Select(_ => Guid.CreateVersion7().ToString("D")).ToArray();
        StaffUserId = Guid.CreateVersion7();
        using var user = connection.CreateCommand();
        user.CommandText = "INSERT INTO Users (Id, Email, DisplayName, Role, PasswordHash, IsEnabled, CreatedAt) VALUES ($id, $email, $name, $role, 'x', 1, $now)";
        using var client = connection.CreateCommand();
        client.CommandText = "INSERT INTO Clients (Id, Name, Kind, ParentClientId, CreatedAt) VALUES ($id, $name, 'HospitalOrHealthSystem', $parent, $now)";
        for (var c = 0; c < ClientCount; c++)
        {
            client.Parameters.Clear();
            client.Parameters.AddWithValue("$id", clientIds[c]);
            client.Parameters.AddWithValue("$name", OrganisationName(c));
            // Every fifth client is a subsidiary of the one before it (a hospital in a health system).
            client.Parameters.AddWithValue("$parent", c % 5 == 4 ? clientIds[c - 1] : DBNull.Value);
            client.Parameters.AddWithValue("$now", Now);
            client.ExecuteNonQuery();
        }

        var staffUsers = new List<string>();
        for (var s = 0; s < StaffCount; s++)
        {
            var id = s == 0 ? StaffUserId.ToString("D") : Guid.CreateVersion7().ToString("D");
            staffUsers.Add(id);
            user.Parameters.Clear();
            user.Parameters.AddWithValue("$id", id);
            user.Parameters.AddWithValue("$email", $"staff{s}@firm.test");
            user.Parameters.AddWithValue("$name", $"Staff {s}");
            user.Parameters.AddWithValue("$role", s % 4 == 0 ? "Partner" : "Recruiter");
            user.Parameters.AddWithValue("$now", Now);
            user.ExecuteNonQuery();
        }

        // 300 searches: a third live (Open/OnHold), the rest drafts or closed at some time in the last two years.
        using var search = connection.CreateCommand();
        search.CommandText = """
            INSERT INTO Searches (Id, ClientId, Title, CodeName, Status, LeadPartnerId, Version, CreatedAt, UpdatedAt, ClosedAt)
            VALUES ($id, $client, 'Chief Medical Officer', $code, $status, $lead, 1, $now, $now, $closed)
            """;
        using var team = connection.CreateCommand();
        team.CommandText = "INSERT INTO SearchTeamMembers (SearchId, UserId, AddedAt) VALUES ($search, $user, $now)";
        var ids = new List<string>();
        for (var k = 0; k < 300; k++)
        {
            var id = Guid.CreateVersion7().ToString("D");
            ids.Add(id);
            var status = (k % 6) switch { 0 or 1 => "Open", 2 => "OnHold", 3 => "Draft", 4 => "Filled", _ => "Cancelled" };
            var lead = staffUsers[random.Next(StaffCount / 4) * 4];
            search.Parameters.Clear();
            search.Parameters.AddWithValue("$id", id);
            search.Parameters.AddWithValue("$client", clientIds[random.Next(ClientCount)]);
            search.Parameters.AddWithValue("$code", $"Project {k}");
            search.Parameters.AddWithValue("$status", status);
            search.Parameters.AddWithValue("$lead", lead);
            search.Parameters.AddWithValue("$now", Now);
            search.Parameters.AddWithValue("$closed", status is "Filled" or "Cancelled"
                ? TypeHandlers.ToSqliteText(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-random.Next(730)))
                : DBNull.Value);
            search.ExecuteNonQuery();
            foreach (var member in new[] { lead, staffUsers[random.Next(StaffCount)] }.Distinct())
            {
                team.Parameters.Clear();
                team.Parameters.AddWithValue("$search", id);
                team.Parameters.AddWithValue("$user", member);
                team.Parameters.AddWithValue("$now", Now);
                team.ExecuteNonQuery();
            }
        }

        searchIds = ids.ToArray();
        staffUserIds = staffUsers.ToArray();
        return clientIds;
    }

    private string[] staffUserIds = [];

    private void WriteStaff(SqliteConnection connection, Random random)
    {
        // Staff are ordinary members of the network (not hubs): people chosen at random.
        var chosen = new HashSet<int>();
        while (chosen.Count < StaffCount)
        {
            var candidate = random.Next(people);
            if (candidate != SuperConnector) chosen.Add(candidate);
        }

        Staff = chosen.ToArray();
        staffOf = new Dictionary<int, string>();
        for (var s = 0; s < StaffCount; s++) staffOf[Staff[s]] = staffUserIds[s];
    }

    private Dictionary<int, string> staffOf = [];

    private static string OrganisationName(int organisation) => organisation < ClientCount
        ? $"Client Health System {organisation}"
        : $"Organisation {organisation}";

    /// <summary>The number Relationships stores for node <paramref name="node"/>: the database is new, so numbers are given in node order.</summary>
    private static long PersonNumber(int node) => node + 1L;

    private void WritePeople(SqliteConnection connection, Random random, int[] organisationOf)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO People (Number, Id, ExternalId, FullName, Email, CurrentTitle, CurrentOrganisation, CandidateId, UserId, IsOffLimits, CreatedAt, UpdatedAt)
            VALUES ($number, $id, $external, $name, $email, $title, $organisation, NULL, $user, $offLimits, $now, $now)
            """;
        var p = new SqliteParameter[10];
        string[] names = ["$id", "$external", "$name", "$email", "$title", "$organisation", "$user", "$offLimits", "$now", "$number"];
        for (var k = 0; k < names.Length; k++) p[k] = command.Parameters.Add(names[k], SqliteType.Text);
        p[8].Value = Now;
        p[9].SqliteType = SqliteType.Integer;
        command.Prepare();
        for (var i = 0; i < people; i++)
        {
            p[0].Value = PersonIds[i];
            p[9].Value = PersonNumber(i);
            p[1].Value = $"ext-{i}";
            p[2].Value = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]} {i}";
            p[3].Value = i % 2 == 0 ? $"person{i}@example.org" : DBNull.Value;
            p[4].Value = random.Next(10) == 0 ? "Chief Medical Officer" : "Physician";
            p[5].Value = OrganisationName(organisationOf[i]);
            p[6].Value = staffOf.TryGetValue(i, out var user) ? user : DBNull.Value;
            // One in a thousand flagged off-limits by hand.
            p[7].Value = random.Next(1000) == 0 ? 1 : 0;
            command.ExecuteNonQuery();
        }
    }

    private void WriteEmployment(SqliteConnection connection, Random random, int[] organisationOf, string[] clientIds)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO Employment (Id, PersonId, Organisation, ClientId, Title, StartDate, EndDate)
            VALUES ($id, $person, $organisation, $client, 'Physician', $start, $end)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var person = command.Parameters.Add("$person", SqliteType.Text);
        var organisation = command.Parameters.Add("$organisation", SqliteType.Text);
        var client = command.Parameters.Add("$client", SqliteType.Text);
        var start = command.Parameters.Add("$start", SqliteType.Text);
        var end = command.Parameters.Add("$end", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < people; i++)
        {
            var o = organisationOf[i];
            id.Value = Guid.CreateVersion7().ToString("D");
            person.Value = PersonIds[i];
            organisation.Value = OrganisationName(o);
            client.Value = o < ClientCount ? clientIds[o] : DBNull.Value;
            start.Value = "2020-01-01T00:00:00.0000000Z";
            end.Value = DBNull.Value;
            command.ExecuteNonQuery();
            if (random.Next(3) == 0)
            {
                // A past position at a client: never makes anyone off-limits.
                var past = random.Next(ClientCount * 2);
                id.Value = Guid.CreateVersion7().ToString("D");
                organisation.Value = OrganisationName(past);
                client.Value = past < ClientCount ? clientIds[past] : DBNull.Value;
                start.Value = "2012-01-01T00:00:00.0000000Z";
                end.Value = "2019-12-31T00:00:00.0000000Z";
                command.ExecuteNonQuery();
            }
        }
    }

    private void WriteRelationships(SqliteConnection connection, Random random, List<(int A, int B)> edges)
    {
        // Kind and direction first, then sort by key so the clustered table is written in order.
        var rows = new (int From, int To, byte Kind, byte Strength)[edges.Count];
        for (var k = 0; k < edges.Count; k++)
        {
            var (a, b) = edges[k];
            var kind = Weighted(random, KindWeights);
            var symmetric = Kinds[kind] is "WorkedWith" or "Knows" or "BoardTogether";
            var (from, to) = symmetric ? (Math.Min(a, b), Math.Max(a, b)) : random.Next(2) == 0 ? (a, b) : (b, a);
            rows[k] = (from, to, (byte)kind, (byte)(Weighted(random, StrengthWeights) + 1));
        }

        Array.Sort(rows, (x, y) => x.From != y.From ? x.From.CompareTo(y.From) : x.To != y.To ? x.To.CompareTo(y.To) : string.CompareOrdinal(Kinds[x.Kind], Kinds[y.Kind]));

        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO Relationships (FromPersonNumber, ToPersonNumber, Kind, Strength, Id, Source, Since, SearchId, CreatedAt, UpdatedAt)
            VALUES ($from, $to, $kind, $strength, $id, $source, NULL, $search, $now, $now)
            """;
        var pFrom = command.Parameters.Add("$from", SqliteType.Integer);
        var pTo = command.Parameters.Add("$to", SqliteType.Integer);
        var pKind = command.Parameters.Add("$kind", SqliteType.Text);
        var pStrength = command.Parameters.Add("$strength", SqliteType.Integer);
        var pId = command.Parameters.Add("$id", SqliteType.Text);
        var pSource = command.Parameters.Add("$source", SqliteType.Text);
        var pSearch = command.Parameters.Add("$search", SqliteType.Text);
        command.Parameters.AddWithValue("$now", Now);
        command.Prepare();
        foreach (var row in rows)
        {
            pFrom.Value = PersonNumber(row.From);
            pTo.Value = PersonNumber(row.To);
            pKind.Value = Kinds[row.Kind];
            pStrength.Value = (int)row.Strength;
            pId.Value = Guid.CreateVersion7().ToString("D");
            var roll = random.Next(100);
            // 1% learnt during a (confidential) search, 10% from a CV or an import, the rest unknown.
            pSource.Value = roll == 0 ? "Reference call" : roll < 11 ? "CV" : DBNull.Value;
            pSearch.Value = roll == 0 ? searchIds[random.Next(searchIds.Length)] : DBNull.Value;
            command.ExecuteNonQuery();
        }
    }
}
