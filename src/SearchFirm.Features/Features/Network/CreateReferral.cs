using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Network;

/// <summary>
/// POST /api/referrals: who suggested which candidate for which search. Team only: off the team
/// the search does not exist (404). The outcome (presented, placed) follows the candidacy through
/// <see cref="ReferralOutcomes"/>.
/// </summary>
public sealed record CreateReferral(Guid SearchId, Guid? ReferrerPersonId, Guid? CandidateId, string? Note = null)
    : ICommand<Created>, ISearchScoped;

public sealed class CreateReferralValidator : AbstractValidator<CreateReferral>
{
    public CreateReferralValidator()
    {
        RuleFor(x => x.SearchId).NotEqual(Guid.Empty);
        RuleFor(x => x.ReferrerPersonId).Id();
        RuleFor(x => x.CandidateId).Id();
        RuleFor(x => x.Note).MaximumLength(2000)
            .Must(s => s is null || !s.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            .WithMessage("'{PropertyName}' must not contain control characters.");
    }
}

internal sealed class CreateReferralHandler(DbSession session, ISqlDialect dialect, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CreateReferral, Created>
{
    private const string CandidateExistsSql = "SELECT COUNT(*) FROM Candidates WHERE Id = @CandidateId AND ErasedAt IS NULL";
    internal const string InsertSql = """
        INSERT INTO Referrals (Id, ReferrerPersonId, CandidateId, SearchId, Note, RecordedByUserId, CreatedAt)
        VALUES (@Id, @ReferrerPersonId, @CandidateId, @SearchId, @Note, @UserId, @Now)
        """;

    public async ValueTask<Created> Handle(CreateReferral command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var unknown = new List<ValidationFailure>();
        // A colleague or a candidate who refers someone is a person from now on (rolled back with a refused command).
        var referrer = await PersonIds.FindOrAddAsync(connection, session.Transaction, command.ReferrerPersonId!.Value, clock.GetUtcNow(), cancellationToken);
        if (referrer is null)
            unknown.Add(new ValidationFailure("referrerPersonId", "No person has this id."));
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CandidateExistsSql, command, session.Transaction, cancellationToken: cancellationToken)) == 0)
            unknown.Add(new ValidationFailure("candidateId", "No candidate has this id."));
        if (unknown.Count > 0) throw new ValidationException(unknown);

        var id = Ids.New();
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                Id = id,
                ReferrerPersonId = referrer!.Id,
                command.CandidateId,
                command.SearchId,
                Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
                UserId = user.Id,
                Now = clock.GetUtcNow(),
            }, session.Transaction, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            throw new ConflictException("duplicate-referral", "This person has already referred this candidate for this search.");
        }

        // Referred after the candidacy moved on: presented or placed already counts.
        await ReferralOutcomes.FromHistoryAsync(connection, session.Transaction, id, cancellationToken);

        return new Created(id);
    }
}
