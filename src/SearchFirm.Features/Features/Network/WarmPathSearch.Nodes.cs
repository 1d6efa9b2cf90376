using SearchFirm.Domain.Network;

namespace SearchFirm.Features.Network;

/// <summary>
/// The search's working memory: people and ties as structs in growing arrays, ties of one person
/// chained by index. A 4-hop search can discover 40,000 people; as objects (a node, a list and
/// its array each) they cost more than reading the ties from memory, and the garbage collector
/// copied them between generations mid-search. Arrays of structs are a few large allocations.
/// Access by index (or a ref taken after the last call that may add a node): the arrays move when they grow.
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
        /// <summary>The ties strongest first, made when enumeration first walks from this node; null once a tie is added.</summary>
        public Edge[]? Sorted;
        public int Mark;
    }

    private readonly record struct Edge(int To, int Strength, RelationshipKind Kind, bool Outgoing);

    private sealed class NodeList
    {
        private Node[] items = new Node[256];
        private int[] edgeNext = new int[1024];
        private Edge[] edges = new Edge[1024];
        private int edgeCount;

        public int Count { get; private set; }

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
            n.Sorted = null;
        }

        /// <summary>Forgets a person's ties (they are about to be read whole).</summary>
        public void ClearEdges(int node)
        {
            ref var n = ref items[node];
            n.FirstEdge = n.LastEdge = -1;
            n.Sorted = null;
        }

        public EdgeEnumerator EdgesOf(int node) => new(this, items[node].FirstEdge);

        /// <summary>The person's ties, strongest first (kept until a tie is added).</summary>
        public Edge[] SortedEdgesOf(int node)
        {
            ref var n = ref items[node];
            if (n.Sorted is { } sorted) return sorted;
            var list = new List<Edge>();
            foreach (var edge in EdgesOf(node)) list.Add(edge);
            // The same sort as before this storage (List.Sort): equal paths keep the same order.
            list.Sort((a, b) => b.Strength.CompareTo(a.Strength));
            return n.Sorted = [.. list];
        }

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
