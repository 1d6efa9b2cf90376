using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Domain.Network;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;

namespace SearchFirm.Features.Network;

/// <summary>
/// GET /api/people/{id}/warm-paths?maxHops=: the best introduction paths from the caller and their
/// colleagues (staff linked to people) to this person; see <see cref="WarmPathSearch"/> for how.
/// Each hop is explained; a hop's source and search are shown only to that search's team, so a
/// path never reveals a confidential search. Staff only.
/// </summary>
public sealed record FindWarmPaths(Guid PersonId, int? MaxHops = null) : IQuery<WarmPaths>;

public sealed class FindWarmPathsValidator : AbstractValidator<FindWarmPaths>
{
    public const int MaxHops = 4;

    public FindWarmPathsValidator() => RuleFor(x => x.MaxHops).InclusiveBetween(1, MaxHops);
}

public sealed class WarmPaths
{
    public Guid PersonId { get; init; }
    public int MaxHops { get; init; }
    public IReadOnlyList<WarmPath> Paths { get; init; } = [];
    /// <summary>True when the node cap or the time limit stopped the search: better paths may exist.</summary>
    public bool Truncated { get; init; }
    /// <summary><c>node-cap</c> or <c>time-limit</c> when truncated.</summary>
    public string? StoppedBy { get; init; }
    public int PeopleExamined { get; init; }
}

public sealed class WarmPath
{
    public int Hops { get; init; }
    public int WeakestStrength { get; init; }
    public int TotalStrength { get; init; }
    /// <summary>The member of staff who would start the introduction.</summary>
    public PersonRef Introducer { get; init; } = new();
    public IReadOnlyList<WarmPathHop> Steps { get; init; } = [];
}

public sealed class WarmPathHop
{
    public PersonRef From { get; init; } = new();
    public PersonRef To { get; init; } = new();
    public RelationshipKind Kind { get; init; }
    public int Strength { get; init; }
    /// <summary>Where the firm learnt of it; null when unknown or when it belongs to a search the caller is not on.</summary>
    public string? Source { get; init; }
    public DateTimeOffset? Since { get; init; }
    /// <summary>The search it was learnt in, only for members of that search's team.</summary>
    public Guid? SearchId { get; init; }
    /// <summary>The relationship in words, in its own direction: "Ann Lee reported to Bo Chu".</summary>
    public string Explanation { get; init; } = "";
}

internal sealed class FindWarmPathsHandler(DbSession session, ISqlDialect dialect, ICurrentUser user, SearchAccess searchAccess,
    IOptions<NetworkOptions> options, TimeProvider clock, InMemoryNetwork memory) : IQueryHandler<FindWarmPaths, WarmPaths>
{
    public const int DefaultMaxHops = 3;

    public async ValueTask<WarmPaths> Handle(FindWarmPaths query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        // A person's id, or a member of staff's or a candidate's (PersonIds); someone the network
        // does not hold yet has no introduction paths, which is an answer, not a 404.
        var maxHops = query.MaxHops ?? DefaultMaxHops;
        if (await PersonIds.FindAsync(connection, null, query.PersonId, cancellationToken) is not { } target)
        {
            return await PersonIds.NamesSomeoneAsync(connection, null, query.PersonId, cancellationToken)
                ? new WarmPaths { PersonId = query.PersonId, MaxHops = maxHops }
                : throw new NotFoundException("person");
        }

        query = query with { PersonId = target.Id };

        var graph = new NetworkGraph(connection, dialect);
        var staff = await graph.StaffPeopleAsync(cancellationToken);
        var offLimits = await OffLimitsIntermediaries.LoadAsync(connection, dialect, clock.GetUtcNow(), cancellationToken);
        // Ties from this instance's copy when it is current, else from the database. The copy's
        // off-limits set is seconds old: it steers the search, and the people on the paths found
        // are then checked against the database; if one has become off-limits since, the search
        // runs again with every check against the database. Sources are always read from it.
        var caller = staff.FirstOrDefault(s => s.UserId == user.Id)?.PersonId;
        var ties = await memory.CurrentAsync(connection, cancellationToken);
        var recentOffLimits = ties is null ? null : memory.RecentOffLimits();
        WarmPathSearch Search(Func<IReadOnlyCollection<Guid>, CancellationToken, Task<HashSet<Guid>>> offLimitsAmong) => new(ties ?? graph, offLimitsAmong)
        {
            MaxHops = maxHops,
            MaxNodes = options.Value.WarmPathMaxNodes,
            TimeLimit = options.Value.WarmPathTimeLimit,
        };

        WarmPathSearch.Outcome outcome;
        if (recentOffLimits is null)
            outcome = await Search(offLimits.AmongAsync).RunAsync(staff.Select(s => s.PersonId), caller, query.PersonId, cancellationToken);
        else
        {
            outcome = await Search((people, _) => Task.FromResult(people.Where(recentOffLimits.Contains).ToHashSet()))
                .RunAsync(staff.Select(s => s.PersonId), caller, query.PersonId, cancellationToken);
            var intermediaries = outcome.Paths.SelectMany(p => p.People.Skip(1).SkipLast(1)).Distinct().ToList();
            if ((await offLimits.AmongAsync(intermediaries, cancellationToken)).Count > 0)
                outcome = await Search(offLimits.AmongAsync).RunAsync(staff.Select(s => s.PersonId), caller, query.PersonId, cancellationToken);
        }

        var people = await graph.PeopleAsync(outcome.Paths.SelectMany(p => p.People), cancellationToken);
        var visibleSearches = new Dictionary<Guid, bool>();
        var paths = new List<WarmPath>();
        foreach (var path in outcome.Paths)
        {
            var steps = new List<WarmPathHop>();
            foreach (var hop in path.Hops)
            {
                var storedTo = hop.StoredFrom == hop.From ? hop.To : hop.From;
                var context = await graph.RelationshipAsync(hop.StoredFrom, storedTo, hop.Kind, cancellationToken);
                var visible = context?.SearchId is not { } searchId || await CanSeeAsync(searchId, visibleSearches, cancellationToken);
                steps.Add(new WarmPathHop
                {
                    From = people[hop.From],
                    To = people[hop.To],
                    Kind = hop.Kind,
                    Strength = hop.Strength,
                    Source = visible ? context?.Source : null,
                    Since = context?.Since,
                    SearchId = visible ? context?.SearchId : null,
                    Explanation = RelationshipKinds.Describe(hop.Kind, people[hop.StoredFrom].FullName, people[storedTo].FullName),
                });
            }

            paths.Add(new WarmPath
            {
                Hops = path.HopCount,
                WeakestStrength = path.Weakest,
                TotalStrength = path.Total,
                Introducer = people[path.People[0]],
                Steps = steps,
            });
        }

        return new WarmPaths
        {
            PersonId = query.PersonId,
            MaxHops = maxHops,
            Paths = paths,
            Truncated = outcome.Stopped != WarmPathSearch.Stop.None,
            StoppedBy = outcome.Stopped switch
            {
                WarmPathSearch.Stop.NodeCap => "node-cap",
                WarmPathSearch.Stop.TimeLimit => "time-limit",
                _ => null,
            },
            PeopleExamined = outcome.NodesExamined,
        };
    }

    private async Task<bool> CanSeeAsync(Guid searchId, Dictionary<Guid, bool> cache, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(searchId, out var visible))
            cache[searchId] = visible = await searchAccess.CanSeeAsync(searchId, cancellationToken);
        return visible;
    }
}
