using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SearchFirm.Data;
using SearchFirm.Features.Common.Email;

namespace SearchFirm.Features.Digests;

/// <summary>
/// Daily, each search lead gets one e-mail naming the candidacies of their live searches that have
/// sat in one stage longer than <see cref="DigestOptions.StaleAfter"/>: delay kills searches.
/// Safe to run twice: the lead's digest of the day is claimed (DigestsSent, one row per lead and
/// day) before it is sent, and the claim is given back if sending fails so that a retry sends it.
/// The e-mail goes to the firm's own partner about their own searches; it names candidates, never
/// other searches.
/// </summary>
public sealed partial class StaleCandidaciesDigestJob(IConnectionFactory connections, ISqlDialect dialect, IEmailSender email, IOptions<DigestOptions> options,
    TimeProvider clock, ILogger<StaleCandidaciesDigestJob> logger)
{
    public const string RecurringJobId = "stale-candidacies-digest";

    private const string StaleSql = """
        SELECT s.LeadPartnerId, u.Email AS LeadEmail, u.DisplayName AS LeadName, s.Id AS SearchId, s.CodeName,
               p.FirstName, p.LastName, cy.Stage, cy.StageEnteredAt
        FROM Candidacies cy
        JOIN Searches s ON s.Id = cy.SearchId
        JOIN Users u ON u.Id = s.LeadPartnerId
        JOIN Candidates p ON p.Id = cy.CandidateId
        WHERE s.Status IN ('Open', 'OnHold') AND u.IsEnabled = 1 AND p.ErasedAt IS NULL
          AND cy.Stage NOT IN ('Placed', 'Declined', 'Withdrawn', 'NotSelected')
          AND cy.StageEnteredAt < @StaleBefore
        ORDER BY s.LeadPartnerId, s.CodeName, cy.StageEnteredAt
        """;

    private const string ClaimSql = """
        INSERT INTO DigestsSent (LeadPartnerId, Day, Candidacies, SentAt)
        SELECT @LeadPartnerId, @Day, @Candidacies, @Now
        WHERE NOT EXISTS (SELECT 1 FROM DigestsSent WHERE LeadPartnerId = @LeadPartnerId AND Day = @Day)
        """;

    private const string ReleaseSql = "DELETE FROM DigestsSent WHERE LeadPartnerId = @LeadPartnerId AND Day = @Day";

    /// <returns>How many digests this run sent.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var connection = await connections.OpenAsync(cancellationToken);
        var stale = (await connection.QueryAsync<StaleRow>(new CommandDefinition(StaleSql,
            new { StaleBefore = now - options.Value.StaleAfter }, cancellationToken: cancellationToken))).AsList();

        var sent = 0;
        foreach (var lead in stale.GroupBy(r => r.LeadPartnerId))
        {
            var claim = new { LeadPartnerId = lead.Key, Day = day, Candidacies = lead.Count(), Now = now };
            if (!await ClaimAsync(connection, claim, cancellationToken)) continue;
            try
            {
                await email.SendAsync(Message(lead.ToList(), now), cancellationToken);
                sent++;
            }
            catch
            {
                await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, claim, cancellationToken: CancellationToken.None));
                throw;
            }
        }

        if (sent > 0) Sent(logger, sent);
        return sent;
    }

    private async Task<bool> ClaimAsync(DbConnection connection, object claim, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.ExecuteAsync(new CommandDefinition(ClaimSql, claim, cancellationToken: cancellationToken)) == 1;
        }
        catch (Exception e) when (dialect.IsUniqueViolation(e))
        {
            // Another worker claimed it between the check and the insert (the primary key refused ours).
            return false;
        }
    }

    private EmailMessage Message(IReadOnlyList<StaleRow> rows, DateTimeOffset now)
    {
        var days = (int)options.Value.StaleAfter.TotalDays;
        var text = new StringBuilder($"Good morning {rows[0].LeadName},\n\nThese candidacies have not moved for more than {days} days:\n");
        var html = new StringBuilder($"<p>Good morning {WebUtility.HtmlEncode(rows[0].LeadName)},</p><p>These candidacies have not moved for more than {days} days:</p>");
        foreach (var search in rows.GroupBy(r => r.CodeName))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{search.Key}\n");
            html.Append(CultureInfo.InvariantCulture, $"<h3>{WebUtility.HtmlEncode(search.Key)}</h3><ul>");
            foreach (var row in search)
            {
                var line = $"{row.FirstName} {row.LastName}: {row.Stage}, {(int)(now - row.StageEnteredAt).TotalDays} days";
                text.Append(CultureInfo.InvariantCulture, $"  - {line}\n");
                html.Append(CultureInfo.InvariantCulture, $"<li>{WebUtility.HtmlEncode(line)}</li>");
            }

            html.Append("</ul>");
        }

        text.Append("\nSearchFirm\n");
        html.Append("<p>SearchFirm</p>");
        return new EmailMessage(rows[0].LeadEmail, rows[0].LeadName, $"{rows.Count} stale candidacies in your searches", text.ToString(), html.ToString());
    }

    private sealed class StaleRow
    {
        public Guid LeadPartnerId { get; init; }
        public string LeadEmail { get; init; } = "";
        public string LeadName { get; init; } = "";
        public Guid SearchId { get; init; }
        public string CodeName { get; init; } = "";
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateTimeOffset StageEnteredAt { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} stale-candidacy digest(s)")]
    private static partial void Sent(ILogger logger, int count);
}
