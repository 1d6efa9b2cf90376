using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Clients;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Clients;

/// <summary>GET /api/clients and GET /api/clients/{id}. Clients are known to all staff; their searches are not.</summary>
public sealed record ListClients : IQuery<IReadOnlyList<ClientDto>>;

public sealed record GetClient(Guid ClientId) : IQuery<ClientDto>;

public sealed class ClientDto
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public ClientKind Kind { get; init; }
    public Guid? ParentClientId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class ClientQueries(DbSession session) : IQueryHandler<ListClients, IReadOnlyList<ClientDto>>, IQueryHandler<GetClient, ClientDto>
{
    private const string Columns = "SELECT Id, Name, Kind, ParentClientId, CreatedAt FROM Clients";
    private const string ListSql = Columns + " ORDER BY Name";
    private const string GetSql = Columns + " WHERE Id = @ClientId";

    public async ValueTask<IReadOnlyList<ClientDto>> Handle(ListClients query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ClientDto>(new CommandDefinition(ListSql, cancellationToken: cancellationToken))).AsList();
    }

    public async ValueTask<ClientDto> Handle(GetClient query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ClientDto>(new CommandDefinition(GetSql, query, cancellationToken: cancellationToken))
            ?? throw new NotFoundException("client");
    }
}
