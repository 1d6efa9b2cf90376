using System.Data.Common;
using Dapper;

namespace SearchFirm.Features.Network;

/// <summary>
/// What became of referrals. The pipeline's transition handler calls <see cref="RecordAsync"/> in
/// its own transaction when a candidacy reaches PresentedToClient or Placed, so a referral's
/// outcome follows the candidacy. Safe to call twice: the first time recorded stays.
/// </summary>
internal static class ReferralOutcomes
{
    // A referral recorded after the fact takes its outcome from the candidacy's history so far.
    // The stage names are the enum's own, written in as literals: one text for both dialects.
    private static readonly string FromHistorySql = $"""
        UPDATE Referrals
        SET PresentedAt = (SELECT MIN(t.OccurredAt) FROM Candidacies c JOIN CandidacyTransitions t ON t.CandidacyId = c.Id
                           WHERE c.CandidateId = Referrals.CandidateId AND c.SearchId = Referrals.SearchId
                             AND t.ToStage IN ({string.Join(", ", Domain.Pipeline.Stages.Presented.Select(s => $"'{s}'"))})),
            PlacedAt = (SELECT MIN(t.OccurredAt) FROM Candidacies c JOIN CandidacyTransitions t ON t.CandidacyId = c.Id
                        WHERE c.CandidateId = Referrals.CandidateId AND c.SearchId = Referrals.SearchId AND t.ToStage = 'Placed')
        WHERE Id = @ReferralId
        """;

    public static Task FromHistoryAsync(DbConnection connection, DbTransaction? transaction, Guid referralId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(FromHistorySql, new { ReferralId = referralId }, transaction, cancellationToken: ct));

    // A placement implies a presentation (Placed comes only after PresentedToClient), so placing
    // also fills PresentedAt when it is still empty.
    private const string Sql = """
        UPDATE Referrals
        SET PresentedAt = CASE WHEN PresentedAt IS NULL AND (@Presented = 1 OR @Placed = 1) THEN @At ELSE PresentedAt END,
            PlacedAt = CASE WHEN PlacedAt IS NULL AND @Placed = 1 THEN @At ELSE PlacedAt END
        WHERE CandidateId = @CandidateId AND SearchId = @SearchId
        """;

    public static Task RecordAsync(DbConnection connection, DbTransaction? transaction, Guid candidateId, Guid searchId,
        bool presented, bool placed, DateTimeOffset at, CancellationToken ct) =>
        presented || placed
            ? connection.ExecuteAsync(new CommandDefinition(Sql, new
            {
                CandidateId = candidateId,
                SearchId = searchId,
                Presented = presented ? 1 : 0,
                Placed = placed ? 1 : 0,
                At = at,
            }, transaction, cancellationToken: ct))
            : Task.CompletedTask;
}
