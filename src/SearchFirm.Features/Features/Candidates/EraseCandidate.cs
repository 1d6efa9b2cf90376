using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidates;

/// <summary>
/// POST /api/candidates/{id}/erasure: an admin erases a candidate's personal data for good, on the
/// candidate's request by other means than the portal or when retention ends (<see cref="CandidateErasure"/>).
/// Admins only (403 for other staff); afterwards the candidate is 404 everywhere.
/// </summary>
[RequireRole(Role.Admin)]
public sealed record EraseCandidate(Guid CandidateId) : ICommand<ErasureReceipt>;

internal sealed class EraseCandidateHandler(DbSession session, CandidateErasure erasure, TimeProvider clock) : ICommandHandler<EraseCandidate, ErasureReceipt>
{
    public async ValueTask<ErasureReceipt> Handle(EraseCandidate command, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await erasure.EraseAsync(connection, session.Transaction, command.CandidateId, clock.GetUtcNow(), cancellationToken);
    }
}
