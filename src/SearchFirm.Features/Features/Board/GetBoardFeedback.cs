using Dapper;
using Mediator;
using SearchFirm.Data;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Committees;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Board;

/// <summary>
/// GET /api/board/candidacies/{id}/feedback: the member's own feedback, and the committee's only
/// once the member has submitted their own (so that nobody anchors on the chair's scores). What
/// they then see is the partner's choice (<see cref="ResultsDisplay"/>): colleagues' feedback
/// with the mean, only the totals, or only the finalists in no rank.
/// </summary>
public sealed record GetBoardFeedback(Guid CandidacyId) : IQuery<BoardFeedbackView>, IPresentedCandidacyScoped;

/// <param name="ColleaguesHidden">True until the member has submitted, and whenever the display shows no one's feedback.</param>
/// <param name="Colleagues">PerMemberWithMean only: every other member's feedback.</param>
/// <param name="Totals">PerMemberWithMean and TotalsOnly: the voting members' figures.</param>
/// <param name="Finalists">UnrankedFinalists only: the finalists presented, alphabetically, without scores.</param>
public sealed record BoardFeedbackView(
    Guid CandidacyId, MemberFeedback? Mine, bool ColleaguesHidden, IReadOnlyList<MemberFeedback>? Colleagues,
    ResultsDisplay? ResultsDisplay, BoardTotals? Totals, IReadOnlyList<BoardFinalist>? Finalists);

/// <param name="Responses">Voting members who answered.</param>
public sealed record BoardTotals(int Responses, FeedbackMeans? Mean, IReadOnlyDictionary<string, int> Recommendations);

public sealed record BoardFinalist(Guid CandidacyId, string Name);

internal sealed class GetBoardFeedbackHandler(DbSession session, ICurrentBoardMember member) : IQueryHandler<GetBoardFeedback, BoardFeedbackView>
{
    private const string DisplaySql = "SELECT CommitteeResultsDisplay FROM Searches WHERE Id = @SearchId";

    // Finalist or later: the client's own shortlist. Ordered by name so that the order says nothing.
    private static readonly string FinalistsSql = $"""
        SELECT cy.Id AS CandidacyId, p.FirstName, p.LastName
        FROM Candidacies cy
        JOIN Candidates p ON p.Id = cy.CandidateId
        JOIN Searches s ON s.Id = cy.SearchId
        WHERE cy.SearchId = @SearchId AND cy.Stage IN ({StageSql.List(Stages.FinalistOrLater)}) AND {BoardAccess.PresentedFilter}
        ORDER BY p.LastName, p.FirstName, cy.Id
        """;

    public async ValueTask<BoardFeedbackView> Handle(GetBoardFeedback query, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var all = (await FeedbackRows.ReadAsync(connection, member.SearchId, query.CandidacyId, cancellationToken)).Select(f => f.Feedback).ToList();
        var mine = all.FirstOrDefault(f => f.MemberId == member.MemberId);
        if (mine is null) return new BoardFeedbackView(query.CandidacyId, null, ColleaguesHidden: true, null, null, null, null);

        var parameters = new { member.SearchId };
        var display = Enum.Parse<ResultsDisplay>(await connection.QuerySingleAsync<string>(new CommandDefinition(DisplaySql, parameters, cancellationToken: cancellationToken)));
        if (display == ResultsDisplay.UnrankedFinalists)
        {
            var finalists = (await connection.QueryAsync<FinalistRow>(new CommandDefinition(FinalistsSql, parameters, cancellationToken: cancellationToken)))
                .Select(f => new BoardFinalist(f.CandidacyId, $"{f.FirstName} {f.LastName}")).ToList();
            return new BoardFeedbackView(query.CandidacyId, mine, ColleaguesHidden: true, null, display, null, finalists);
        }

        var criteria = (await Searches.Specification.ReadAsync(connection, member.SearchId, cancellationToken))
            .Select(c => new CriterionHeading(c.Key, c.Label, c.Weight)).ToList();
        var voting = all.Where(f => f.Role == CommitteeRole.Voting).ToList();
        var totals = new BoardTotals(voting.Count, CommitteeTotals.Means(voting, criteria), CommitteeTotals.Recommendations(voting));
        return display == ResultsDisplay.TotalsOnly
            ? new BoardFeedbackView(query.CandidacyId, mine, ColleaguesHidden: true, null, display, totals, null)
            : new BoardFeedbackView(query.CandidacyId, mine, ColleaguesHidden: false, all.Where(f => f.MemberId != member.MemberId).ToList(), display, totals, null);
    }

    private sealed class FinalistRow
    {
        public Guid CandidacyId { get; init; }
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
    }
}
