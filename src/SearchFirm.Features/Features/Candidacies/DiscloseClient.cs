using System.Text.Json.Serialization;
using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Audit;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidacies;

/// <summary>
/// POST /api/candidacies/{id}/client-disclosure: the team tells this candidate who the client is
/// (team only). From then on the candidate portal names the client for this candidacy; until then
/// the code name and an anonymised description. Disclosure cannot be taken back: disclosing again
/// keeps the first moment.
/// </summary>
public sealed record DiscloseClient : ICommand<ClientDisclosure>, ICandidacyScoped, IAudited
{
    [JsonIgnore]
    public Guid CandidacyId { get; init; }

    [JsonIgnore]
    public string EntityType => "Candidacy";

    [JsonIgnore]
    Guid? IAudited.EntityId => CandidacyId;
}

public sealed record ClientDisclosure(Guid CandidacyId, DateTimeOffset ClientDisclosedAt);

internal sealed class DiscloseClientHandler(DbSession session, TimeProvider clock) : ICommandHandler<DiscloseClient, ClientDisclosure>
{
    private const string DiscloseSql = "UPDATE Candidacies SET ClientDisclosedAt = @Now WHERE Id = @CandidacyId AND ClientDisclosedAt IS NULL";
    private const string ReadSql = "SELECT ClientDisclosedAt FROM Candidacies WHERE Id = @CandidacyId";

    public async ValueTask<ClientDisclosure> Handle(DiscloseClient command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var args = new { command.CandidacyId, Now = clock.GetUtcNow() };
        await connection.ExecuteAsync(new CommandDefinition(DiscloseSql, args, session.Transaction, cancellationToken: cancellationToken));
        var at = await connection.QuerySingleAsync<DateTimeOffset>(new CommandDefinition(ReadSql, args, session.Transaction, cancellationToken: cancellationToken));
        return new ClientDisclosure(command.CandidacyId, at);
    }
}
