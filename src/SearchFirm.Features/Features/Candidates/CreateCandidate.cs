using Dapper;
using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidates;

/// <summary>POST /api/candidates: a new candidate. A second one with the same e-mail is a 409 that points at the first.</summary>
public sealed record CreateCandidate : CandidateFields, ICommand<Created>;

public sealed class CreateCandidateValidator : CandidateFieldsValidator<CreateCandidate>;

internal sealed class CreateCandidateHandler(DbSession session, ICurrentUser user, TimeProvider clock) : ICommandHandler<CreateCandidate, Created>
{
    internal const string InsertSql = """
        INSERT INTO Candidates (Id, FirstName, LastName, Email, Phone, Location, CurrentTitle, CurrentEmployer,
            CurrentEmployerClientId, Summary, ProfileJson, CompensationJson, ClinicalYears, HighestRoleLevel,
            Version, CreatedBy, CreatedAt, UpdatedAt)
        VALUES (@Id, @FirstName, @LastName, @Email, @Phone, @Location, @CurrentTitle, @CurrentEmployer,
            @CurrentEmployerClientId, @Summary, @ProfileJson, @CompensationJson, @ClinicalYears, @HighestRoleLevel,
            1, @CreatedBy, @Now, @Now)
        """;

    public async ValueTask<Created> Handle(CreateCandidate command, CancellationToken cancellationToken)
    {
        var input = command;
        var connection = await session.ConnectionAsync(cancellationToken);
        await CandidateRules.EnsureEmailIsFreeAsync(connection, session.Transaction, input.Email, null, cancellationToken);
        await CandidateRules.EnsureClientExistsAsync(connection, session.Transaction, input.CurrentEmployerClientId, cancellationToken);

        var id = Ids.New();
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(InsertSql,
            CandidateRules.Row(id, input, DateOnly.FromDateTime(now.UtcDateTime), new { CreatedBy = user.Id, Now = now }),
            session.Transaction, cancellationToken: cancellationToken));
        await CandidateWriter.WriteDerivedAsync(connection, session.Transaction, id, input, isNew: true, cancellationToken);
        return new Created(id);
    }
}
