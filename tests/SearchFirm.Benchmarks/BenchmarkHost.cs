using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchFirm.Api.Hosting;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Benchmarks;

/// <summary>The product's services over one SQLite file, with requests sent through the real mediator pipeline as one member of staff.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public BenchmarkHost(string databasePath, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:SearchFirm"] = $"Data Source={databasePath}",
            ["SearchFirm:DataDirectory"] = Path.GetDirectoryName(databasePath),
            ["Hangfire:Server"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSearchFirm(configuration);
        collection.AddScoped<ICurrentUser, FixedUser>();
        services = collection.BuildServiceProvider();
    }

    public IServiceProvider Services => services;

    public Guid UserId { get; set; }

    public Role Role { get; set; } = Role.Recruiter;

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = services.CreateAsyncScope();
        var user = (FixedUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>();
        (user.UserId, user.UserRole) = (UserId, Role);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    public async Task<T> SendAsync<T>(IQuery<T> request)
    {
        await using var scope = services.CreateAsyncScope();
        var user = (FixedUser)scope.ServiceProvider.GetRequiredService<ICurrentUser>();
        (user.UserId, user.UserRole) = (UserId, Role);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private sealed class FixedUser : ICurrentUser
    {
        public Guid UserId { get; set; }
        public Role UserRole { get; set; }
        public bool IsAuthenticated => true;
        public Guid Id => UserId;
        public Role? Role => UserRole;
        public string? IpAddress => "127.0.0.1";
    }
}

/// <summary>Latencies: wall-clock milliseconds, reported as percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> samples = [];

    public void Add(double milliseconds) => samples.Add(milliseconds);

    public int Count => samples.Count;

    public double Percentile(double p)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public string Summary => $"p50 {Percentile(50):F1} ms, p95 {Percentile(95):F1} ms, max {Percentile(100):F1} ms (n={Count})";

    public static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
