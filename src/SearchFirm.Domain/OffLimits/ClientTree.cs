namespace SearchFirm.Domain.OffLimits;

/// <summary>How a client stands to another in one ownership chain.</summary>
internal enum Kinship
{
    None,
    Same,
    /// <summary>The other client owns this one, directly or further up (a hospital's health system).</summary>
    Below,
    /// <summary>This client owns the other, directly or further down.</summary>
    Above,
}

/// <summary>
/// The clients' ownership chains. Kin means one chain: the same client, an owner above it or an
/// organisation below it. Sister subsidiaries are not kin: each is a separate employer.
/// </summary>
internal sealed class ClientTree(IEnumerable<ClientFact> clients)
{
    private readonly Dictionary<Guid, Guid?> parents = clients
        .GroupBy(c => c.Id)
        .ToDictionary(g => g.Key, g => g.First().ParentId);

    // Each client's chain of owners, walked once per tree: a check asks about hundreds of pairs.
    private readonly Dictionary<Guid, Guid[]> ancestors = [];

    /// <summary>How <paramref name="client"/> stands to <paramref name="other"/>.</summary>
    public Kinship Of(Guid client, Guid other) =>
        client == other ? Kinship.Same
        : Array.IndexOf(Ancestors(client), other) >= 0 ? Kinship.Below
        : Array.IndexOf(Ancestors(other), client) >= 0 ? Kinship.Above
        : Kinship.None;

    public bool AreKin(Guid a, Guid b) => Of(a, b) != Kinship.None;

    private Guid[] Ancestors(Guid id)
    {
        if (ancestors.TryGetValue(id, out var known)) return known;

        // Guarded against a cycle in bad data: each client is visited once.
        var chain = new List<Guid>();
        var current = parents.GetValueOrDefault(id);
        while (current is Guid parent && parent != id && !chain.Contains(parent))
        {
            chain.Add(parent);
            current = parents.GetValueOrDefault(parent);
        }

        return ancestors[id] = [.. chain];
    }
}
