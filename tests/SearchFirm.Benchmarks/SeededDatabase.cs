using Dapper;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SearchFirm.Api.Hosting;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Auth;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Users;

namespace SearchFirm.Benchmarks;

/// <summary>
/// A firm of realistic size in a fresh temporary data directory: 300 staff (60 partners, 240
/// recruiters, one admin), 150 clients, 600 searches with teams of two to five, half of them open,
/// a third with a specification of their own, and two old access tokens per person. Staff and
/// tokens go in by SQL (hashing 300 passwords would take most of a minute); clients, searches,
/// teams and specifications go through the mediator, so they are stored exactly as the product
/// stores them. The benchmarked search has the usual shape: a hospital client, the default
/// specification (10 criteria) and a team of four.
/// </summary>
internal sealed class SeededDatabase
{
    public const string Password = "benchmark-password-0001";

    private const int Partners = 60;
    private const int Recruiters = 240;
    private const int ClientCount = 150;
    private const int SearchCount = 600;
    private const int TargetIndex = SearchCount / 2;

    private const string InsertTokenSql = """
        INSERT INTO AccessTokens (Id, UserId, TokenHash, CreatedAt, ExpiresAt)
        VALUES (@Id, @UserId, @TokenHash, @CreatedAt, @ExpiresAt)
        """;

    private SeededDatabase(string dataDirectory, Guid searchId, StaffMember lead)
    {
        DataDirectory = dataDirectory;
        SearchId = searchId;
        Lead = lead;
    }

    public string DataDirectory { get; }

    /// <summary>The search every benchmark reads.</summary>
    public Guid SearchId { get; }

    /// <summary>Its lead partner: on the team, not an admin, so the team check runs its EXISTS.</summary>
    public StaffMember Lead { get; }

    /// <summary>Settings shared by every host on this database; Information logs are filtered out (see RESULTS.md).</summary>
    public Dictionary<string, string?> Settings => SettingsFor(DataDirectory);

    /// <summary>The services of the API host minus HTTP, with <paramref name="user"/> as the current user of every scope.</summary>
    public ServiceProvider BuildServices(FixedUser user) => BuildServices(DataDirectory, user);

    private static Dictionary<string, string?> SettingsFor(string dataDirectory) => new()
    {
        ["SearchFirm:DataDirectory"] = dataDirectory,
        ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
        ["Hangfire:Server"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static ServiceProvider BuildServices(string dataDirectory, FixedUser user)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SettingsFor(dataDirectory)).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSearchFirm(configuration);
        services.RemoveAll<ICurrentUser>();
        services.AddSingleton<ICurrentUser>(user);
        return services.BuildServiceProvider();
    }

    public static async Task<SeededDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "searchfirm-bench", Guid.NewGuid().ToString("N"));
        SearchFirm.Data.OwnerOnly.CreateDirectory(directory);
        var random = new Random(20_260_301);
        var user = new FixedUser();

        var services = BuildServices(directory, user);
        await services.GetRequiredService<Migrator>().MigrateAsync();
        var staff = await InsertStaffAsync(services.GetRequiredService<IConnectionFactory>());
        var admin = staff.Single(s => s.Role == Role.Admin);
        var partners = staff.Where(s => s.Role == Role.Partner).ToArray();
        var colleagues = staff.Where(s => s.Role != Role.Admin).ToArray();

        async Task<T> Send<T>(StaffMember actor, ICommand<T> command)
        {
            user.Set(actor.Id, actor.Role);
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
        }

        var kinds = Enum.GetValues<ClientKind>();
        var clients = new List<(Guid Id, ClientKind Kind)>();
        for (var i = 1; i <= ClientCount; i++)
        {
            var kind = kinds[i % kinds.Length];
            var name = $"Client {i:000} {kind switch { ClientKind.HospitalOrHealthSystem => "Health System", ClientKind.Payer => "Health Plan", ClientKind.PharmaOrBiotech => "Therapeutics", _ => "Group" }}";
            clients.Add(((await Send(admin, new CreateClient(name, kind))).Id, kind));
        }

        var target = Guid.Empty;
        StaffMember? targetLead = null;
        for (var i = 0; i < SearchCount; i++)
        {
            var isTarget = i == TargetIndex;
            var lead = partners[i % partners.Length];
            var client = isTarget ? clients.First(c => c.Kind == ClientKind.HospitalOrHealthSystem) : clients[random.Next(clients.Count)];
            var id = (await Send(lead, new CreateSearch(client.Id, $"Chief Medical Officer {i:000}", $"Bench-{i:000}"))).Id;

            var extra = isTarget ? 3 : random.Next(1, 5);
            foreach (var member in colleagues.Where(c => c.Id != lead.Id).OrderBy(_ => random.Next()).Take(extra))
                await Send(lead, new AddTeamMember(id, member.Id));

            if (i % 2 == 0)
                await Send(lead, new ChangeSearchStatus(id, SearchStatus.Open, 1));
            if (!isTarget && i % 3 == 0)
                await Send(lead, new ReplaceSpecification(id, CustomSpecification(client.Kind, random)));

            if (isTarget)
            {
                target = id;
                targetLead = lead;
            }
        }

        // Fold the WAL into the database file, as a server that has been idle a moment would have.
        await using (var connection = await services.GetRequiredService<IConnectionFactory>().OpenAsync())
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        return new SeededDatabase(directory, target, targetLead!);
    }

    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<List<StaffMember>> InsertStaffAsync(IConnectionFactory factory)
    {
        var hash = new PasswordHasher<StaffAccount>().HashPassword(StaffAccount.Instance, Password);
        var now = DateTimeOffset.UtcNow;
        var staff = new List<StaffMember>();
        await using var connection = await factory.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        async Task Add(Role role, int number)
        {
            var member = new StaffMember(Ids.New(), $"{role.ToString().ToLowerInvariant()}{number:000}@firm.test", role);
            await connection.ExecuteAsync(CreateUserHandler.InsertSql, new
            {
                member.Id,
                member.Email,
                DisplayName = $"{role} {number:000}",
                Role = role.ToString(),
                PasswordHash = hash,
                CreatedAt = now,
            }, transaction);
            // Two earlier sign-ins each, one of them expired, so the token index is not trivially small.
            foreach (var expires in new[] { now.AddHours(-1), now.AddHours(11) })
                await connection.ExecuteAsync(InsertTokenSql, new
                {
                    Id = Ids.New(),
                    UserId = member.Id,
                    TokenHash = AccessTokens.Hash(AccessTokens.NewToken()),
                    CreatedAt = expires.AddHours(-12),
                    ExpiresAt = expires,
                }, transaction);
            staff.Add(member);
        }

        await Add(Role.Admin, 1);
        for (var i = 1; i <= Partners; i++) await Add(Role.Partner, i);
        for (var i = 1; i <= Recruiters; i++) await Add(Role.Recruiter, i);
        await transaction.CommitAsync();
        return staff;
    }

    /// <summary>Six to fourteen criteria: the default ones, some dropped, plus a few the partner wrote.</summary>
    private static List<CriterionInput> CustomSpecification(ClientKind kind, Random random)
    {
        var criteria = DefaultSpecification.For(kind)
            .Where(_ => random.Next(4) > 0)
            .Select(c => new CriterionInput(c.Key, c.Label, c.Weight, c.Required))
            .ToList();
        var own = random.Next(2, 5);
        for (var i = 1; i <= own; i++)
            criteria.Add(new CriterionInput($"firm-criterion-{i}", $"A requirement this client stated in the kick-off meeting, number {i}", random.Next(1, 20), random.Next(3) == 0));
        return criteria.Take(14).ToList();
    }
}

internal sealed record StaffMember(Guid Id, string Email, Role Role);

/// <summary>The current user of the benchmark's DI scopes: whoever was set last.</summary>
internal sealed class FixedUser : ICurrentUser
{
    private Guid id;

    public bool IsAuthenticated => Role is not null;

    public Guid Id => IsAuthenticated ? id : throw new UnauthorizedException();

    public Role? Role { get; private set; }

    public string? IpAddress => "127.0.0.1";

    public void Set(Guid userId, Role role)
    {
        id = userId;
        Role = role;
    }
}
