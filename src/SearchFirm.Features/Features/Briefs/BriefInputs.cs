using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Briefs;

/// <summary>
/// Gathers what a brief shows, from the rows as they are now, into a <see cref="BriefModel"/>.
/// Ordering is fixed everywhere so that the same data always serialises, and hashes, the same.
/// </summary>
internal static class BriefInputs
{
    private const string SearchSql = """
        SELECT s.Id, s.Title, s.CodeName, s.ClientDisclosed, s.CommitteeName, s.ClientId, c.Name AS ClientName
        FROM Searches s JOIN Clients c ON c.Id = s.ClientId
        WHERE s.Id = @SearchId
        """;

    private const string CriteriaSql = """
        SELECT CriterionKey AS "Key", Label, Weight, Required FROM SearchCriteria WHERE SearchId = @SearchId ORDER BY Position
        """;

    private const string CandidacySql = """
        SELECT cy.Id AS CandidacyId, cy.SearchId, cy.CandidateId, cy.Stage, p.FirstName, p.LastName, p.Location, p.CurrentTitle,
               p.CurrentEmployer, p.ProfileJson, p.CompensationJson, p.ClinicalYears, p.HighestRoleLevel,
               n.Summary, n.AreasToProbeJson, n.ReferencesSummary
        FROM Candidacies cy
        JOIN Candidates p ON p.Id = cy.CandidateId
        LEFT JOIN BriefNotes n ON n.CandidacyId = cy.Id
        WHERE cy.Id = @CandidacyId AND p.ErasedAt IS NULL
        """;

    // Consent to be presented is given per search; any search for the same client counts, as in TransitionCandidacy.
    internal const string ConsentSql = """
        SELECT k.GivenAt FROM Consents k JOIN Searches s ON s.Id = k.SearchId
        WHERE k.CandidateId = @CandidateId AND k.Kind = 'PresentToClient' AND k.WithdrawnAt IS NULL AND s.ClientId = @ClientId
        ORDER BY k.GivenAt
        """;

    /// <summary>The candidacies a shortlist book holds: presented to the client or further, for the committee.</summary>
    private static readonly string PresentedSql = $"""
        SELECT cy.Id FROM Candidacies cy JOIN Candidates p ON p.Id = cy.CandidateId
        WHERE cy.SearchId = @SearchId AND p.ErasedAt IS NULL
          AND cy.Stage IN ({StageSql.List(Stages.Presented)})
        ORDER BY cy.CreatedAt, cy.Id
        """;

    /// <summary>For the team's own book: everyone shortlisted or further.</summary>
    private static readonly string ShortlistedSql = $"""
        SELECT cy.Id FROM Candidacies cy JOIN Candidates p ON p.Id = cy.CandidateId
        WHERE cy.SearchId = @SearchId AND p.ErasedAt IS NULL
          AND cy.Stage IN ({StageSql.List(Stages.ShortlistedOrLater)})
        ORDER BY cy.CreatedAt, cy.Id
        """;

    public static async Task<SearchFacts> SearchAsync(DbConnection connection, DbTransaction? tx, Guid searchId, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<SearchFacts>(new CommandDefinition(SearchSql, new { SearchId = searchId }, tx, cancellationToken: ct))
        ?? throw new NotFoundException("search");

    public static async Task<DateTimeOffset?> ConsentGivenAsync(DbConnection connection, DbTransaction? tx, Guid candidateId, Guid clientId, CancellationToken ct) =>
        (await connection.QueryAsync<DateTimeOffset>(new CommandDefinition(ConsentSql, new { CandidateId = candidateId, ClientId = clientId }, tx, cancellationToken: ct)))
        .Cast<DateTimeOffset?>().FirstOrDefault();

    public static async Task<IReadOnlyList<Guid>> BookCandidaciesAsync(DbConnection connection, DbTransaction? tx, Guid searchId, BriefAudience audience, CancellationToken ct) =>
        (await connection.QueryAsync<Guid>(new CommandDefinition(audience == BriefAudience.Committee ? PresentedSql : ShortlistedSql,
            new { SearchId = searchId }, tx, cancellationToken: ct))).AsList();

    public static async Task<BriefModel> ModelAsync(DbConnection connection, DbTransaction? tx, SearchFacts search, BriefKind kind, BriefAudience audience,
        IReadOnlyList<Guid> candidacyIds, string firmName, DateOnly today, CancellationToken ct)
    {
        var specification = (await connection.QueryAsync<Searches.CriterionDto>(new CommandDefinition(CriteriaSql, new { SearchId = search.Id }, tx, cancellationToken: ct)))
            .Select(c => new SpecificationLine(c.Key, c.Label, c.Weight, c.Required)).ToList();
        var clientName = search.ClientDisclosed ? search.ClientName : null;
        var sections = new List<CandidateSection>();
        foreach (var id in candidacyIds)
            sections.Add(await CandidateAsync(connection, tx, search, id, audience, clientName, today, ct));
        if (kind == BriefKind.ShortlistBook)
        {
            // Strongest first, as a board reads a book; the name breaks ties so the order is stable.
            sections = [.. sections.OrderByDescending(s => s.Scorecard.WeightedTotal).ThenBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.CandidacyId)];
        }

        return new BriefModel
        {
            Kind = kind,
            Audience = audience,
            FirmName = firmName,
            CodeName = search.CodeName,
            ClientName = clientName,
            RoleTitle = search.Title,
            PreparedFor = audience == BriefAudience.Internal
                ? "the search team (internal use only)"
                : string.IsNullOrWhiteSpace(search.CommitteeName) ? "the Search Committee" : search.CommitteeName!,
            PreparedOn = today,
            Specification = specification,
            Candidates = sections,
        };
    }

    private static async Task<CandidateSection> CandidateAsync(DbConnection connection, DbTransaction? tx, SearchFacts search, Guid candidacyId,
        BriefAudience audience, string? clientName, DateOnly today, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<CandidacyRow>(new CommandDefinition(CandidacySql, new { CandidacyId = candidacyId }, tx, cancellationToken: ct))
            ?? throw new NotFoundException("candidacy");
        var document = JsonSerializer.Deserialize<ProfileDocument>(row.ProfileJson, CandidateWriter.Json)!;
        var profile = ProfileMapping.ToDomain(document);
        var scorecard = await CandidacyScoring.ScoreAsync(connection, tx, search.Id, row.CandidateId, today, ct);
        var consentGiven = await ConsentGivenAsync(connection, tx, row.CandidateId, search.ClientId, ct);
        var compensation = row.CompensationJson is null ? null : JsonSerializer.Deserialize<CompensationInput>(row.CompensationJson, CandidateWriter.Json);
        // Board members never see compensation, whatever the candidate agreed to.
        var showCompensation = compensation is not null && audience == BriefAudience.Internal;
        var clientWords = clientName ?? $"the client of {search.CodeName}";

        return new CandidateSection
        {
            CandidacyId = row.CandidacyId,
            Name = $"{row.FirstName} {row.LastName}",
            PostNominals = PostNominals(profile),
            CurrentTitle = row.CurrentTitle,
            CurrentEmployer = row.CurrentEmployer,
            Location = row.Location,
            Stage = row.Stage,
            RecruiterSummary = Blank(row.Summary),
            AreasToProbe = row.AreasToProbeJson is null ? [] : JsonSerializer.Deserialize<List<string>>(row.AreasToProbeJson) ?? [],
            ReferencesSummary = Blank(row.ReferencesSummary),
            ClinicalYears = CandidateProfile.YearsOfClinicalPractice(profile, today),
            HighestLevel = Enum.TryParse<RoleLevel>(row.HighestRoleLevel, out var level) ? RoleLevels.Name(level) : null,
            Education = [.. profile.Education.OrderBy(e => e.Year ?? int.MaxValue).Select(e => new EducationLine(e.Degree, e.Institution, e.Year))],
            Credentials = [.. profile.Credentials.OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new CredentialLine(CredentialName(c.Kind), c.Name, c.Issuer, c.ExpiresOn, c.IsCurrentOn(today)))],
            Positions = [.. profile.Positions.OrderByDescending(p => p.From).ThenBy(p => p.Title, StringComparer.Ordinal)
                .Select(p => new PositionLine(p.Organisation, p.Title, RoleLevels.Name(p.Level), p.From, p.To, p.IsClinical))],
            Committees = [.. profile.Committees.Select(c => new CommitteeLine(c.Name, c.Role, c.Focus))],
            Ladder = Ladder(profile),
            Competencies = [.. profile.Competencies.OrderByDescending(c => c.Assessment).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new CompetencyLine(c.Name, c.Assessment, c.Evidence))],
            Scorecard = scorecard,
            Compensation = showCompensation
                ? new CompensationLine(compensation!.Currency ?? "USD", compensation.CurrentBase, compensation.CurrentBonus, compensation.ExpectedBase,
                    audience == BriefAudience.Internal ? compensation.Notes : null, compensation.Shareable == true)
                : null,
            Consented = consentGiven is not null,
            ConsentStatus = consentGiven is { } given
                ? $"Consented on {given.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} to be presented to {clientWords}."
                : "Has not yet consented to be presented to the client: for the firm's internal use only.",
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string CredentialName(CredentialKind kind) => kind switch
    {
        CredentialKind.MedicalLicence => "Medical licence",
        CredentialKind.BoardCertification => "Board certification",
        CredentialKind.CertifiedPhysicianExecutive => "Certified Physician Executive",
        _ => "Other credential",
    };

    /// <summary>The rungs of the CMO ladder and where the candidate first reached each.</summary>
    private static IReadOnlyList<LadderStep> Ladder(CandidateProfile profile)
    {
        (string Rung, RoleLevel[] Levels)[] rungs =
        [
            ("Medical Director", [RoleLevel.MedicalDirector, RoleLevel.DepartmentChair]),
            ("VP Medical Affairs", [RoleLevel.VicePresidentMedicalAffairs, RoleLevel.VicePresidentClinicalDevelopment]),
            ("Chief Quality Officer", [RoleLevel.ChiefQualityOfficer]),
            ("Chief Medical Officer", [RoleLevel.ChiefMedicalOfficer]),
        ];
        return rungs.Select(r =>
        {
            var first = profile.Positions.Where(p => r.Levels.Contains(p.Level)).OrderBy(p => p.From).FirstOrDefault();
            return first is null
                ? new LadderStep(r.Rung, false, null, null, null)
                : new LadderStep(r.Rung, true, first.Title, first.Organisation, first.From.Year);
        }).ToList();
    }

    /// <summary>Medical degree first, then management and other degrees as recorded, then CPE.</summary>
    private static string PostNominals(CandidateProfile profile)
    {
        var degrees = profile.Education
            .Select(e => e.Degree.Replace(".", "", StringComparison.Ordinal).Trim().ToUpperInvariant())
            .Where(d => d.Length is > 0 and <= 5 && !d.Contains(' ', StringComparison.Ordinal))
            .OrderBy(d => Degrees.IsMedical(d) ? 0 : 1)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (profile.Credentials.Any(c => c.Kind == CredentialKind.CertifiedPhysicianExecutive))
            degrees.Add("CPE");
        return string.Join(", ", degrees);
    }

    internal sealed class SearchFacts
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string CodeName { get; init; } = "";
        public bool ClientDisclosed { get; init; }
        public string? CommitteeName { get; init; }
        public Guid ClientId { get; init; }
        public string ClientName { get; init; } = "";
    }

    private sealed class CandidacyRow
    {
        public Guid CandidacyId { get; init; }
        public Guid SearchId { get; init; }
        public Guid CandidateId { get; init; }
        public string Stage { get; init; } = "";
        public string FirstName { get; init; } = "";
        public string LastName { get; init; } = "";
        public string? Location { get; init; }
        public string? CurrentTitle { get; init; }
        public string? CurrentEmployer { get; init; }
        public string ProfileJson { get; init; } = "{}";
        public string? CompensationJson { get; init; }
        public int ClinicalYears { get; init; }
        public string? HighestRoleLevel { get; init; }
        public string? Summary { get; init; }
        public string? AreasToProbeJson { get; init; }
        public string? ReferencesSummary { get; init; }
    }

    /// <summary>Stages from which a candidate counts as presented to the client's committee.</summary>
    public static bool IsPresented(Stage stage) => Stages.IsActive(stage) && Stages.Order(stage) >= Stages.Order(Stage.PresentedToClient);
}
