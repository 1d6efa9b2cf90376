using System.Collections.Concurrent;
using SearchFirm.Domain.Network;

namespace SearchFirm.Features.Network;

/// <summary>
/// The search's working memory: people and ties as structs in growing arrays, ties of one person
/// chained by index. A 4-hop search can discover 40,000 people; as objects (a node, a list and
/// its array each) they cost more than reading the ties from memory, and the garbage collector
/// copied them between generations mid-search. Arrays of structs are a few large allocations.
/// Access by index (or a ref taken after the last call that may add a node): the arrays move when they grow.
/// The arrays are reused by later searches (<see cref="Scratch"/>): a search next to a super-connector
/// fills 20 MB, and memory touched for the first time costs a page fault per 4 KiB, 13 µs each on
/// the virtual machine measured: 5,000 faults, two thirds of such a search's time.
/// </summary>
public sealed partial class WarmPathSearch
{
    private struct Node(Guid id)
    {
        public readonly Guid Id = id;
        public int DistS = -1;
        public int DistT = -1;
        public bool Loaded;
        public bool Loading;
        public bool Checked;
        public bool Blocked;
        public bool IsSource;
        public bool IsCaller;
        public bool IsTarget;
        public int FirstEdge = -1;
        public int LastEdge = -1;
        public int EdgeCount;
        /// <summary>Where the ties sorted strongest first start in <see cref="NodeList"/>'s sorted copy; -1 until enumeration walks from here, and again once a tie is added.</summary>
        public int SortedAt = -1;
        public int Mark;
    }

    /// <summary>A search's working memory: lent to one search at a time, emptied and kept for the next.</summary>
    private sealed class Scratch
    {
        private static readonly ConcurrentBag<Scratch> Pool = [];

        public readonly NodeList Nodes = new();
        public readonly Dictionary<Guid, int> Index = [];
        public readonly List<int> Forward = [], Backward = [], Batch = [], Meeting = [], Checking = [];
        public readonly List<Guid> People = [];

        public static Scratch Rent() => Pool.TryTake(out var scratch) ? scratch : new Scratch();

        public void Return()
        {
            Nodes.Reset();
            Index.Clear();
            foreach (var list in (List<int>[])[Forward, Backward, Batch, Meeting, Checking]) list.Clear();
            People.Clear();
            // One per search running at once is enough; a burst's extras go to the collector.
            if (Pool.Count < 2 * Environment.ProcessorCount) Pool.Add(this);
        }
    }

    private readonly record struct Edge(int To, int Strength, RelationshipKind Kind, bool Outgoing);

    private sealed class NodeList
    {
        private Node[] items = new Node[256];
        private int[] edgeNext = new int[1024];
        private Edge[] edges = new Edge[1024];
        private int edgeCount;
        private Edge[] sorted = new Edge[1024];
        private int sortedCount;

        public int Count { get; private set; }

        /// <summary>Empties the list for the next search, keeping the arrays (and the memory they have touched).</summary>
        public void Reset() => Count = edgeCount = sortedCount = 0;

        public ref Node this[int i] => ref items[i];

        public int Add(Guid id)
        {
            if (Count == items.Length) Array.Resize(ref items, items.Length * 2);
            items[Count] = new Node(id);
            return Count++;
        }

        /// <summary>Appends a tie to a person's chain, keeping the order ties were read in.</summary>
        public void AddEdge(int node, Edge edge)
        {
            if (edgeCount == edges.Length)
            {
                Array.Resize(ref edges, edges.Length * 2);
                Array.Resize(ref edgeNext, edgeNext.Length * 2);
            }

            edges[edgeCount] = edge;
            edgeNext[edgeCount] = -1;
            ref var n = ref items[node];
            if (n.LastEdge < 0) n.FirstEdge = edgeCount;
            else edgeNext[n.LastEdge] = edgeCount;
            n.LastEdge = edgeCount++;
            n.EdgeCount++;
            n.SortedAt = -1;
        }

        /// <summary>Forgets a person's ties (they are about to be read whole).</summary>
        public void ClearEdges(int node)
        {
            ref var n = ref items[node];
            n.FirstEdge = n.LastEdge = -1;
            n.EdgeCount = 0;
            n.SortedAt = -1;
        }

        public EdgeEnumerator EdgesOf(int node) => new(this, items[node].FirstEdge);

        /// <summary>
        /// The person's ties, strongest first (kept until a tie is added). A view of a copy that
        /// only grows during a search: a view taken earlier stays valid while later ones are made.
        /// </summary>
        public ReadOnlySpan<Edge> SortedEdgesOf(int node)
        {
            ref var n = ref items[node];
            if (n.SortedAt < 0)
            {
                if (sortedCount + n.EdgeCount > sorted.Length) Array.Resize(ref sorted, Math.Max(sorted.Length * 2, sortedCount + n.EdgeCount));
                var at = sortedCount;
                foreach (var edge in EdgesOf(node)) sorted[sortedCount++] = edge;
                // The same sort as List.Sort (one introsort): equal paths keep the same order.
                sorted.AsSpan(at, n.EdgeCount).Sort(StrongestFirst);
                n.SortedAt = at;
            }

            return sorted.AsSpan(n.SortedAt, n.EdgeCount);
        }

        private static readonly Comparison<Edge> StrongestFirst = (a, b) => b.Strength.CompareTo(a.Strength);

        public struct EdgeEnumerator(NodeList list, int first)
        {
            private int next = first;

            public Edge Current { get; private set; }

            public readonly EdgeEnumerator GetEnumerator() => this;

            public bool MoveNext()
            {
                if (next < 0) return false;
                Current = list.edges[next];
                next = list.edgeNext[next];
                return true;
            }
        }
    }
}
