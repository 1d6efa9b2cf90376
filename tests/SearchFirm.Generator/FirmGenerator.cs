using System.Diagnostics;
using Bogus;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchFirm.Api.Hosting;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Scorecards;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Generator;

/// <summary>What a generated firm holds, for the benchmarks that read it.</summary>
public sealed record GeneratedFirm(string DataDirectory, Guid AdminId, Guid PartnerId, Guid BigSearchId, int Candidates, int Candidacies);

/// <summary>
/// Makes a realistic firm in a fresh SQLite database: clients of every kind (some subsidiaries),
/// staff, searches in every status, CMO-track candidates whose careers climb the seed's ladder
/// (clinician, Medical Director, department chair, VP Medical Affairs, Chief Quality Officer, CMO),
/// and candidacies at every stage, including one search ("Project Atlas") with 1,000 of them.
/// Candidates are written with the same code the API uses, so facets, keyword index and scores match.
/// </summary>
public static class FirmGenerator
{
    public const string StaffPassword = "generated-staff-password";
    public const string AdminEmail = "admin@generated.firm";
    public const string PartnerEmail = "partner0@generated.firm";

    public static async Task<GeneratedFirm> GenerateAsync(string dataDirectory, int candidates, int seed = 20261123, TextWriter? log = null)
    {
        log ??= TextWriter.Null;
        SearchFirm.Data.OwnerOnly.CreateDirectory(dataDirectory);
        var clock = Stopwatch.StartNew();
        Randomizer.Seed = new Random(seed);
        var faker = new Faker("en");
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTimeOffset.UtcNow;

        await using var services = Services(dataDirectory);
        await services.GetRequiredService<Migrator>().MigrateAsync();
        await using var connection = await services.GetRequiredService<IConnectionFactory>().OpenAsync();

        // Staff: one admin, 8 partners, 40 recruiters, all with the same known password.
        var hash = new PasswordHasher<StaffAccount>().HashPassword(StaffAccount.Instance, StaffPassword);
        var staff = new List<(Guid Id, string Role)> { (Ids.New(), "Admin") };
        staff.AddRange(Enumerable.Range(0, 8).Select(_ => (Ids.New(), "Partner")));
        staff.AddRange(Enumerable.Range(0, 40).Select(_ => (Ids.New(), "Recruiter")));
        await using (var tx = await connection.BeginTransactionAsync())
        {
            var counters = new Dictionary<string, int>();
            foreach (var (id, role) in staff)
            {
                var n = counters[role] = counters.GetValueOrDefault(role);
                counters[role]++;
                await connection.ExecuteAsync(
                    "INSERT INTO Users (Id, Email, DisplayName, Role, PasswordHash, IsEnabled, CreatedAt) VALUES (@id, @email, @name, @role, @hash, 1, @now)",
                    new { id, email = role == "Admin" ? AdminEmail : $"{role.ToLowerInvariant()}{n}@generated.firm", name = faker.Name.FullName(), role, hash, now }, tx);
            }

            await tx.CommitAsync();
        }

        var partners = staff.Where(s => s.Role == "Partner").Select(s => s.Id).ToArray();
        var recruiters = staff.Where(s => s.Role == "Recruiter").Select(s => s.Id).ToArray();

        // Clients: health systems with hospitals under them, payers, pharma, others.
        var clients = new List<(Guid Id, string Name, ClientKind Kind)>();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            for (var i = 0; i < 300; i++)
            {
                var kind = i % 10 < 6 ? ClientKind.HospitalOrHealthSystem : i % 10 < 8 ? ClientKind.Payer : i % 10 < 9 ? ClientKind.PharmaOrBiotech : ClientKind.Other;
                var name = $"{OrganisationName(faker, kind)} {i}";
                var parent = kind == ClientKind.HospitalOrHealthSystem && i > 20 && i % 3 == 0 ? clients[random.Next(0, 20)].Id : (Guid?)null;
                var id = Ids.New();
                await connection.ExecuteAsync("INSERT INTO Clients (Id, Name, Kind, ParentClientId, CreatedAt) VALUES (@id, @name, @kind, @parent, @now)",
                    new { id, name, kind = kind.ToString(), parent, now }, tx);
                clients.Add((id, name, kind));
            }

            await tx.CommitAsync();
        }

        // Searches: 1,000 across the clients, most closed, a fifth open or on hold.
        var searches = new List<(Guid Id, ClientKind Kind, IReadOnlyList<Criterion> Spec)>();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            for (var i = 0; i < 1000; i++)
            {
                var client = clients[random.Next(clients.Count)];
                var id = Ids.New();
                var lead = i == 0 ? partners[0] : partners[random.Next(partners.Length)];
                var status = i == 0 ? SearchStatus.Open : (SearchStatus)Pick(random, [5, 12, 4, 60, 19]);
                var closedAt = SearchStatusRules.IsClosed(status) ? now.AddDays(-random.Next(1, 900)) : (DateTimeOffset?)null;
                await connection.ExecuteAsync("""
                    INSERT INTO Searches (Id, ClientId, Title, CodeName, Status, LeadPartnerId, Version, CreatedAt, UpdatedAt, ClosedAt)
                    VALUES (@id, @clientId, 'Chief Medical Officer', @codeName, @status, @lead, 1, @now, @now, @closedAt)
                    """, new { id, clientId = client.Id, codeName = i == 0 ? "Project Atlas" : $"Project {faker.Hacker.Noun()} {i}", status = status.ToString(), lead, now, closedAt }, tx);
                var team = new[] { lead }.Concat(recruiters.OrderBy(_ => random.Next()).Take(3)).Distinct();
                await connection.ExecuteAsync("INSERT INTO SearchTeamMembers (SearchId, UserId, AddedAt) VALUES (@searchId, @userId, @now)",
                    team.Select(u => new { searchId = id, userId = u, now }), tx);
                var spec = DefaultSpecification.For(client.Kind);
                await connection.ExecuteAsync("INSERT INTO SearchCriteria (SearchId, Position, CriterionKey, Label, Weight, Required) VALUES (@id, @position, @Key, @Label, @Weight, @Required)",
                    spec.Select((c, p) => new { id, position = p, c.Key, c.Label, c.Weight, c.Required }), tx);
                searches.Add((id, client.Kind, spec));
            }

            await tx.CommitAsync();
        }

        await log.WriteLineAsync($"staff, clients, searches in {clock.Elapsed.TotalSeconds:0.0} s");

        // Candidates, written through the API's own writer in batches of 5,000.
        var profiles = new List<(Guid Id, CandidateProfile Profile)>(candidates);
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var batch = 0; batch < candidates; batch += 5000)
        {
            await using var tx = await connection.BeginTransactionAsync();
            for (var i = batch; i < Math.Min(candidates, batch + 5000); i++)
            {
                var fields = Careers.Candidate(faker, random, today, clients, i, emails);
                var id = Ids.New();
                await connection.ExecuteAsync(CreateCandidateHandler.InsertSql, CandidateRules.Row(id, fields, today, new { CreatedBy = recruiters[i % recruiters.Length], Now = now }), tx);
                await CandidateWriter.WriteDerivedAsync(connection, tx, id, fields, isNew: true, CancellationToken.None);
                profiles.Add((id, ProfileMapping.ToDomain(CandidateWriter.Document(fields))));
            }

            await tx.CommitAsync();
            await log.WriteLineAsync($"{Math.Min(candidates, batch + 5000):N0} candidates in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        // Candidacies: 1,000 in Project Atlas, 10 to 40 in each other search.
        var candidacies = 0;
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var (search, index) in searches.Select((s, i) => (s, i)))
            {
                var count = index == 0 ? Math.Min(1000, profiles.Count) : random.Next(10, 41);
                foreach (var (candidateId, profile) in profiles.OrderBy(_ => random.Next()).Take(count))
                {
                    var stage = (Stage)Pick(random, [30, 20, 12, 8, 6, 5, 4, 3, 2, 1, 1, 4, 3, 1]);
                    var score = Scorecard.Score(profile, search.Spec, search.Kind, today).WeightedTotal;
                    var id = Ids.New();
                    var entered = now.AddDays(-random.Next(0, 120));
                    var closing = Stages.IsClosed(stage);
                    await connection.ExecuteAsync("""
                        INSERT INTO Candidacies (Id, SearchId, CandidateId, Stage, Version, StageEnteredAt, ExitReasonCode, DecidedBy, AddedBy, CreatedAt, UpdatedAt, Score)
                        VALUES (@id, @searchId, @candidateId, @stage, 1, @entered, @exitReason, @decidedBy, @addedBy, @entered, @entered, @score)
                        """, new
                    {
                        id, searchId = search.Id, candidateId, stage = stage.ToString(), entered,
                        exitReason = closing ? "not-a-fit" : null,
                        decidedBy = closing ? (stage == Stage.Declined ? "Candidate" : "Firm") : null,
                        addedBy = recruiters[random.Next(recruiters.Length)], score,
                    }, tx);
                    await connection.ExecuteAsync("""
                        INSERT INTO CandidacyTransitions (Id, CandidacyId, FromStage, ToStage, OverrideUsed, ActorId, OccurredAt)
                        VALUES (@tid, @id, NULL, @stage, 0, @actor, @entered)
                        """, new { tid = Ids.New(), id, stage = stage.ToString(), actor = recruiters[0], entered }, tx);
                    candidacies++;
                }
            }

            await tx.CommitAsync();
        }

        await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
        await log.WriteLineAsync($"{candidacies:N0} candidacies; done in {clock.Elapsed.TotalSeconds:0.0} s");
        return new GeneratedFirm(dataDirectory, staff[0].Id, partners[0], searches[0].Id, profiles.Count, candidacies);
    }

    /// <summary>The same services the API runs on, over the given data directory, without Hangfire's server.</summary>
    public static ServiceProvider Services(string dataDirectory, ICurrentUser? user = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SearchFirm:DataDirectory"] = dataDirectory,
            ["Hangfire:Server"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSearchFirm(configuration);
        if (user is not null) services.AddScoped(_ => user);
        return services.BuildServiceProvider();
    }

    /// <summary>Project Atlas and its lead partner, in a generated firm.</summary>
    public static async Task<(Guid SearchId, Guid PartnerId)> BigSearchAsync(IServiceProvider services)
    {
        await using var connection = await services.GetRequiredService<IConnectionFactory>().OpenAsync();
        var row = await connection.QuerySingleAsync<BigSearchRow>("SELECT Id, LeadPartnerId FROM Searches WHERE CodeName = 'Project Atlas'");
        return (row.Id, row.LeadPartnerId);
    }

    private sealed class BigSearchRow
    {
        public Guid Id { get; init; }
        public Guid LeadPartnerId { get; init; }
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0) return i;
        }

        return weights.Length - 1;
    }

    internal static string OrganisationName(Faker faker, ClientKind kind) => kind switch
    {
        ClientKind.HospitalOrHealthSystem => $"{faker.Address.City()} {faker.PickRandom("Regional Medical Center", "Health System", "Memorial Hospital", "University Hospital", "Community Health")}",
        ClientKind.Payer => $"{faker.Address.State()} {faker.PickRandom("Health Plan", "Care Partners", "Mutual Health")}",
        ClientKind.PharmaOrBiotech => $"{faker.Commerce.ProductAdjective()} {faker.PickRandom("Therapeutics", "Biosciences", "Pharma")}",
        _ => $"{faker.Company.CompanyName()} Health Services",
    };
}
