using FluentValidation;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Portal;

/// <summary>
/// POST /api/portal/erasure {confirm: true}: the candidate asks to be forgotten, and is, at once
/// (<see cref="CandidateErasure"/>): this session closes with it. Nothing the firm must keep by law
/// is personal data here, so there is no waiting period; the audit trail keeps the tombstone.
/// </summary>
public sealed record ForgetMe(bool? Confirm) : ICommand<ErasureReceipt>, ICandidateRequest;

public sealed class ForgetMeValidator : AbstractValidator<ForgetMe>
{
    public ForgetMeValidator() => RuleFor(x => x.Confirm).Equal(true)
        .WithMessage("Set 'confirm' to true to erase your data. This cannot be undone.");
}

internal sealed class ForgetMeHandler(DbSession session, ICurrentCandidate candidate, CandidateErasure erasure, TimeProvider clock)
    : ICommandHandler<ForgetMe, ErasureReceipt>
{
    public async ValueTask<ErasureReceipt> Handle(ForgetMe command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await erasure.EraseAsync(connection, session.Transaction, candidate.CandidateId, clock.GetUtcNow(), cancellationToken);
    }
}
