using Dapper;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Network;

/// <summary>
/// GET /api/network/organisations/people?organisation=: who we know there. The people working at
/// an organisation (current title/organisation, or a current position) who are within two hops of
/// the firm's staff, each with the best introduction: hops, weakest link, the member of staff and
/// the intermediary. One batched read of the staff's ties and one of the employees' ties meet in
/// the middle; an off-limits person is never the intermediary. Staff only.
/// </summary>
public sealed record FindPeopleAtOrganisation(string? Organisation, int? Limit = null) : IQuery<PeopleAtOrganisation>;

public sealed class FindPeopleAtOrganisationValidator : AbstractValidator<FindPeopleAtOrganisation>
{
    public const int MaxLimit = 500;

    public FindPeopleAtOrganisationValidator()
    {
        RuleFor(x => x.Organisation).Text(200);
        RuleFor(x => x.Limit).InclusiveBetween(1, MaxLimit);
    }
}

public sealed class PeopleAtOrganisation
{
    public string Organisation { get; init; } = "";
    public IReadOnlyList<KnownPerson> People { get; init; } = [];
    /// <summary>How many people work there as far as the firm knows (up to the configured cap).</summary>
    public int PeopleAtOrganisationCount { get; init; }
    /// <summary>True when the organisation had more people than the cap, or a read hit the cap.</summary>
    public bool Truncated { get; init; }
}

public sealed class KnownPerson
{
    public PersonRef Person { get; init; } = new();
    public int Hops { get; init; }
    public int WeakestStrength { get; init; }
    public PersonRef Introducer { get; init; } = new();
    /// <summary>The person in between, for two hops.</summary>
    public PersonRef? Via { get; init; }
}

internal sealed class FindPeopleAtOrganisationHandler(DbSession session, ISqlDialect dialect, IOptions<NetworkOptions> options, TimeProvider clock)
    : IQueryHandler<FindPeopleAtOrganisation, PeopleAtOrganisation>
{
    public const int DefaultLimit = 50;

    private static readonly DialectSql EmployeesSql = new(
        SqlServer: """
            SELECT TOP (@Cap) x.Id FROM (
                SELECT p.Id FROM dbo.People p WHERE p.CurrentOrganisation = @Organisation
                UNION
                SELECT e.PersonId FROM dbo.Employment e WHERE e.Organisation = @Organisation AND e.EndDate IS NULL
            ) x ORDER BY x.Id
            """,
        Sqlite: """
            SELECT x.Id FROM (
                SELECT p.Id FROM People p WHERE p.CurrentOrganisation = @Organisation
                UNION
                SELECT e.PersonId AS Id FROM Employment e WHERE e.Organisation = @Organisation AND e.EndDate IS NULL
            ) x ORDER BY x.Id LIMIT @Cap
            """);

    private readonly record struct Link(Guid Staff, int Strength);

    private readonly record struct Best(int Hops, int Weakest, Guid Introducer, Guid? Via);

    public async ValueTask<PeopleAtOrganisation> Handle(FindPeopleAtOrganisation query, CancellationToken cancellationToken)
    {
        var organisation = query.Organisation!.Trim();
        var connection = await session.ConnectionAsync(cancellationToken);
        var cap = options.Value.OrganisationMaxPeople;
        var employees = (await connection.QueryAsync<Guid>(new CommandDefinition(dialect.Pick(EmployeesSql),
            new { Organisation = organisation, Cap = cap + 1 }, cancellationToken: cancellationToken))).AsList();
        var truncated = employees.Count > cap;
        if (truncated) employees.RemoveAt(employees.Count - 1);

        var graph = new NetworkGraph(connection, dialect);
        var staff = (await graph.StaffPeopleAsync(cancellationToken)).Select(s => s.PersonId).ToHashSet();
        var maxRows = options.Value.WarmPathMaxNodes;

        // Everyone one hop from staff, with their strongest tie to a member of staff.
        var nearStaff = new Dictionary<Guid, Link>();
        var rows = 0;
        await graph.ReadTiesAsync(staff, tie =>
        {
            if (++rows > maxRows) return !(truncated = true);
            if (!nearStaff.TryGetValue(tie.NeighbourId, out var link) || tie.Strength > link.Strength)
                nearStaff[tie.NeighbourId] = new Link(tie.PersonId, tie.Strength);
            return true;
        }, cancellationToken);

        // Each employee's ties, met against the staff side: direct ties first, then one person in between.
        var direct = new Dictionary<Guid, Best>();
        var viaCandidates = new Dictionary<Guid, List<(Guid Via, int Weakest, Guid Staff)>>();
        rows = 0;
        var candidates = employees.Where(e => !staff.Contains(e)).ToList();
        await graph.ReadTiesAsync(candidates, tie =>
        {
            if (++rows > maxRows) return !(truncated = true);
            if (staff.Contains(tie.NeighbourId))
            {
                if (!direct.TryGetValue(tie.PersonId, out var b) || tie.Strength > b.Weakest)
                    direct[tie.PersonId] = new Best(1, tie.Strength, tie.NeighbourId, null);
            }
            else if (nearStaff.TryGetValue(tie.NeighbourId, out var link) && tie.NeighbourId != tie.PersonId)
            {
                if (!viaCandidates.TryGetValue(tie.PersonId, out var list)) viaCandidates[tie.PersonId] = list = [];
                list.Add((tie.NeighbourId, Math.Min(tie.Strength, link.Strength), link.Staff));
            }

            return true;
        }, cancellationToken);

        var intermediaries = viaCandidates.Where(kv => !direct.ContainsKey(kv.Key)).SelectMany(kv => kv.Value.Select(v => v.Via)).ToHashSet();
        var offLimits = await OffLimitsIntermediaries.LoadAsync(connection, dialect, clock.GetUtcNow(), cancellationToken);
        var blocked = await offLimits.AmongAsync(intermediaries, cancellationToken);

        var found = new Dictionary<Guid, Best>(direct);
        foreach (var (person, list) in viaCandidates)
        {
            if (found.ContainsKey(person)) continue;
            var best = list.Where(v => !blocked.Contains(v.Via)).OrderByDescending(v => v.Weakest).ThenBy(v => v.Via).FirstOrDefault();
            if (best.Via != Guid.Empty) found[person] = new Best(2, best.Weakest, best.Staff, best.Via);
        }

        var ranked = found.OrderBy(kv => kv.Value.Hops).ThenByDescending(kv => kv.Value.Weakest).ThenBy(kv => kv.Key)
            .Take(query.Limit ?? DefaultLimit).ToList();
        var people = await graph.PeopleAsync(ranked.SelectMany(kv => new[] { kv.Key, kv.Value.Introducer }
            .Concat(kv.Value.Via is { } via ? [via] : [])), cancellationToken);

        return new PeopleAtOrganisation
        {
            Organisation = organisation,
            PeopleAtOrganisationCount = employees.Count,
            Truncated = truncated,
            People = ranked.Select(kv => new KnownPerson
            {
                Person = people[kv.Key],
                Hops = kv.Value.Hops,
                WeakestStrength = kv.Value.Weakest,
                Introducer = people[kv.Value.Introducer],
                Via = kv.Value.Via is { } via ? people[via] : null,
            }).OrderBy(k => k.Hops).ThenByDescending(k => k.WeakestStrength).ThenBy(k => k.Person.FullName, StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }
}
