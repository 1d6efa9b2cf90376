using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SearchFirm.Api.Hosting;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Tests.Infrastructure;

/// <summary>
/// A use case driven through the real mediator pipeline and a real database, as a given user.
/// Derive a fixture from it and list the providers with [TestFixture(DatabaseProvider.Sqlite)]
/// and [TestFixture(DatabaseProvider.SqlServer)].
/// </summary>
public abstract class Slice(DatabaseProvider provider)
{
    private ServiceProvider? services;

    protected DatabaseProvider Provider { get; } = provider;

    protected IServiceProvider Services => services ?? throw new InvalidOperationException("SetUp has not run.");

    [SetUp]
    public async Task CreateDatabase()
    {
        var settings = await TestDatabase.NewAsync(Provider);
        var configuration = TestDatabase.Configuration(settings);
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton(configuration);
        collection.AddSearchFirm(configuration);
        collection.AddScoped<ICurrentUser, TestUser>();
        collection.AddScoped<ICurrentBoardMember, TestBoardMember>();
        collection.AddScoped<ICurrentCandidate, TestCandidate>();
        ConfigureServices(collection);
        services = collection.BuildServiceProvider();
    }

    /// <summary>Replaces services for the fixture (a fake printer, a recording queue) before the provider is built.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    [TearDown]
    public async Task DisposeServices()
    {
        if (services is not null) await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Sends the request in its own scope (its own session), as <paramref name="actor"/>, or anonymously when null.</summary>
    protected Task<TResponse> SendAs<TResponse>(Actor? actor, IRequest<TResponse> request) =>
        InScope(s => ((TestUser)s.GetRequiredService<ICurrentUser>()).Actor = actor, sender => sender.Send(request));

    protected Task<TResponse> SendAs<TResponse>(Actor? actor, ICommand<TResponse> command) =>
        InScope(s => ((TestUser)s.GetRequiredService<ICurrentUser>()).Actor = actor, sender => sender.Send(command));

    protected Task<TResponse> SendAs<TResponse>(Actor? actor, IQuery<TResponse> query) =>
        InScope(s => ((TestUser)s.GetRequiredService<ICurrentUser>()).Actor = actor, sender => sender.Send(query));

    /// <summary>Sends the request in its own scope as a committee member signed in to their search.</summary>
    protected Task<TResponse> SendAsBoard<TResponse>(BoardActor member, IQuery<TResponse> query) =>
        InScope(s => ((TestBoardMember)s.GetRequiredService<ICurrentBoardMember>()).Member = member, sender => sender.Send(query));

    protected Task<TResponse> SendAsBoard<TResponse>(BoardActor member, ICommand<TResponse> command) =>
        InScope(s => ((TestBoardMember)s.GetRequiredService<ICurrentBoardMember>()).Member = member, sender => sender.Send(command));

    /// <summary>Sends the request in its own scope as a candidate signed in to the portal.</summary>
    protected Task<TResponse> SendAsCandidate<TResponse>(Guid candidateId, IQuery<TResponse> query) =>
        InScope(s => ((TestCandidate)s.GetRequiredService<ICurrentCandidate>()).Id = candidateId, sender => sender.Send(query));

    protected Task<TResponse> SendAsCandidate<TResponse>(Guid candidateId, ICommand<TResponse> command) =>
        InScope(s => ((TestCandidate)s.GetRequiredService<ICurrentCandidate>()).Id = candidateId, sender => sender.Send(command));

    // Mediator's Send has one overload per message kind, hence the thin overloads above over this one body.
    private async Task<TResponse> InScope<TResponse>(Action<IServiceProvider> signIn, Func<ISender, ValueTask<TResponse>> send)
    {
        await using var scope = Services.CreateAsyncScope();
        signIn(scope.ServiceProvider);
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    /// <summary>Runs a read straight against the database, for assertions about what was stored.</summary>
    protected async Task<T> Db<T>(Func<System.Data.Common.DbConnection, Task<T>> read)
    {
        await using var connection = await Services.GetRequiredService<IConnectionFactory>().OpenAsync();
        return await read(connection);
    }

    private sealed class TestBoardMember : ICurrentBoardMember
    {
        public BoardActor? Member { get; set; }
        public bool IsSignedIn => Member is not null;
        public Guid MemberId => Member?.MemberId ?? throw new UnauthorizedException();
        public Guid SearchId => Member?.SearchId ?? throw new UnauthorizedException();
        public string Name => Member?.Name ?? throw new UnauthorizedException();
    }

    private sealed class TestCandidate : ICurrentCandidate
    {
        public Guid? Id { get; set; }
        public bool IsSignedIn => Id is not null;
        public Guid CandidateId => Id ?? throw new UnauthorizedException();
    }

    private sealed class TestUser : ICurrentUser
    {
        public Actor? Actor { get; set; }
        public bool IsAuthenticated => Actor is not null;
        public Guid Id => Actor?.Id ?? throw new UnauthorizedException();
        public Role? Role => Actor?.Role;
        public string? IpAddress => "203.0.113.7";
    }
}

public sealed record Actor(Guid Id, Role Role);

/// <summary>A committee member as their board session presents them.</summary>
public sealed record BoardActor(Guid MemberId, Guid SearchId, string Name);
