using System.Data.Common;
using System.Runtime.CompilerServices;
using SearchFirm.Domain.Network;

namespace SearchFirm.Features.Network;

/// <summary>
/// The whole network in compact arrays (compressed sparse rows): people numbered 0..N-1, person
/// p's ties at positions Offsets[p]..Offsets[p+1] of Targets, each tie's kind, strength and stored
/// direction packed in one byte. Every relationship appears twice, once under each end. About
/// 16 bytes a person plus 10 a relationship, and the GUID index (1 M / 10 M: about 200 MiB).
/// Immutable once built: any number of searches read it without locks.
/// </summary>
internal sealed class GraphSnapshot
{
    // Kind as a small code, decided in the SQL so that the scan returns integers, not 10 M strings.
    private const string TiesSql = """
        SELECT FromPersonNumber, ToPersonNumber,
               CASE Kind WHEN 'WorkedWith' THEN 0 WHEN 'ReportedTo' THEN 1 WHEN 'Mentor' THEN 2 WHEN 'BoardTogether' THEN 3 WHEN 'Knows' THEN 4 ELSE -1 END AS KindCode,
               CAST(Strength AS INT) AS Strength
        FROM Relationships
        """;

    private const string PeopleSql = "SELECT Number, Id FROM People";

    private static readonly RelationshipKind[] Kinds =
        [RelationshipKind.WorkedWith, RelationshipKind.ReportedTo, RelationshipKind.Mentor, RelationshipKind.BoardTogether, RelationshipKind.Knows];

    private readonly Guid[] ids;
    private readonly Dictionary<Guid, int> index;
    private readonly int[] offsets;
    private readonly int[] targets;
    private readonly byte[] packed;

    private GraphSnapshot(Guid[] ids, Dictionary<Guid, int> index, int[] offsets, int[] targets, byte[] packed)
    {
        this.ids = ids;
        this.index = index;
        this.offsets = offsets;
        this.targets = targets;
        this.packed = packed;
    }

    public int PersonCount => ids.Length;

    /// <summary>Relationships (each stored once, read under both ends).</summary>
    public long RelationshipCount => targets.Length / 2;

    /// <summary>The arrays, plus an estimate of the dictionary (about 24 bytes an entry and its bucket).</summary>
    public long MemoryBytes => ids.Length * 16L + offsets.Length * 4L + targets.Length * 5L + index.Count * 28L;

    public bool TryGetIndex(Guid person, out int node) => index.TryGetValue(person, out node);

    public int Degree(int node) => offsets[node + 1] - offsets[node];

    /// <summary>Every tie of one person, in the shape the walk reads; false from <paramref name="accept"/> stops.</summary>
    public bool ReadTies(int node, Func<Tie, bool> accept)
    {
        var person = ids[node];
        for (var k = offsets[node]; k < offsets[node + 1]; k++)
        {
            var bits = packed[k];
            if (!accept(new Tie(person, ids[targets[k]], Kinds[bits & 7], (bits >> 3) & 7, (bits & 0x80) != 0))) return false;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Pack(int kindCode, int strength, bool outgoing) => (byte)(kindCode | (strength << 3) | (outgoing ? 0x80 : 0));

    /// <summary>
    /// Reads every person and relationship on this connection: one scan of each table. The caller
    /// reads the change log's high-water mark first, so that nothing committed after it is missed.
    /// </summary>
    public static async Task<GraphSnapshot> LoadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(1 << 16);
        var numbers = new List<long>(1 << 16);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = PeopleSql;
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                numbers.Add(reader.GetInt64(0));
                ids.Add(reader.GetGuid(1));
            }
        }

        var index = new Dictionary<Guid, int>(ids.Count);
        for (var i = 0; i < ids.Count; i++) index[ids[i]] = i;
        var byNumber = NodesByNumber.Of(numbers);

        // One pass into flat lists (growing by doubling), then counting sort into rows per person.
        var from = new GrowingInts();
        var to = new GrowingInts();
        var bits = new List<byte>(1 << 16);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = TiesSql;
            command.CommandTimeout = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = 0;
            // Synchronous reads: the rows come from the page cache or the network buffer, and an
            // awaited ReadAsync per row costs more than the row itself over 10 M rows.
            while (reader.Read())
            {
                if ((++rows & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                var kind = reader.GetInt32(2);
                var a = byNumber[reader.GetInt64(0)];
                var b = byNumber[reader.GetInt64(1)];
                if (kind < 0 || a < 0 || b < 0) continue;
                from.Add(a);
                to.Add(b);
                bits.Add(Pack(kind, reader.GetInt32(3), outgoing: false));
            }
        }

        var n = ids.Count;
        var offsets = new int[n + 1];
        for (var k = 0; k < from.Count; k++)
        {
            offsets[from[k] + 1]++;
            offsets[to[k] + 1]++;
        }

        for (var i = 0; i < n; i++) offsets[i + 1] += offsets[i];
        var targets = new int[offsets[n]];
        var packed = new byte[offsets[n]];
        var fill = (int[])offsets.Clone();
        for (var k = 0; k < from.Count; k++)
        {
            int a = from[k], b = to[k], at = fill[a]++;
            targets[at] = b;
            packed[at] = (byte)(bits[k] | 0x80);   // under From: outgoing
            at = fill[b]++;
            targets[at] = a;
            packed[at] = bits[k];
        }

        return new GraphSnapshot([.. ids], index, offsets, targets, packed);
    }

    /// <summary>
    /// Person number to node: an array indexed by number (numbers are row ids, dense from 1), or a
    /// dictionary should they ever be sparse. -1 for a number no person has.
    /// </summary>
    private sealed class NodesByNumber
    {
        private readonly int[]? dense;
        private readonly Dictionary<long, int>? sparse;

        private NodesByNumber(int[]? dense, Dictionary<long, int>? sparse)
        {
            this.dense = dense;
            this.sparse = sparse;
        }

        public int this[long number] => dense is not null
            ? (ulong)number < (ulong)dense.Length ? dense[number] : -1
            : sparse!.GetValueOrDefault(number, -1);

        public static NodesByNumber Of(List<long> numbers)
        {
            var max = numbers.Count == 0 ? 0 : numbers.Max();
            if (max > 4L * numbers.Count + 65_536 || numbers.Exists(n => n < 0))
            {
                var sparse = new Dictionary<long, int>(numbers.Count);
                for (var i = 0; i < numbers.Count; i++) sparse[numbers[i]] = i;
                return new NodesByNumber(null, sparse);
            }

            var dense = new int[max + 1];
            Array.Fill(dense, -1);
            for (var i = 0; i < numbers.Count; i++) dense[numbers[i]] = i;
            return new NodesByNumber(dense, null);
        }
    }

    /// <summary>An int list without List&lt;T&gt;'s bounds checks and versioning; 10 M adds matter.</summary>
    private sealed class GrowingInts
    {
        private int[] items = new int[1 << 16];

        public int Count { get; private set; }

        public int this[int i] => items[i];

        public void Add(int value)
        {
            if (Count == items.Length) Array.Resize(ref items, items.Length * 2);
            items[Count++] = value;
        }
    }
}
