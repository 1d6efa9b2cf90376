using FluentValidation;
using Mediator;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Conflicts;

/// <summary>GET /api/conflicts?candidateId=&amp;searchId=: may the firm approach this candidate for this search? (team of the search)</summary>
public sealed record CheckConflicts(Guid SearchId, Guid? CandidateId) : IQuery<ConflictReport>, ISearchScoped;

public sealed record ConflictReport(bool Clean, IReadOnlyList<ConflictReasonDto> Reasons);

/// <summary>One reason in words, e.g. "Works for Mercy Hospital, a subsidiary of Mercy Health, which has an open search (Project Cedar)".</summary>
public sealed record ConflictReasonDto(string Code, string Explanation);

public sealed class CheckConflictsValidator : AbstractValidator<CheckConflicts>
{
    public CheckConflictsValidator()
    {
        RuleFor(x => x.SearchId).NotEqual(Guid.Empty).WithMessage("'searchId' is required.");
        RuleFor(x => x.CandidateId).Id();
    }
}

internal sealed class CheckConflictsHandler(ConflictChecker checker, TimeProvider clock) : IQueryHandler<CheckConflicts, ConflictReport>
{
    public async ValueTask<ConflictReport> Handle(CheckConflicts query, CancellationToken cancellationToken) =>
        await checker.CheckAsync(query.CandidateId!.Value, query.SearchId, clock.GetUtcNow(), cancellationToken);
}
