using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using SearchFirm.Domain.Candidates;

namespace SearchFirm.Features.Candidates;

/// <summary>
/// Writes what a candidate's profile implies besides its row: the facets searches filter on and
/// the keyword-search document. Shared by create and update so the two never drift apart.
/// </summary>
internal static class CandidateWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private const string DeleteFacetsSql = "DELETE FROM CandidateFacets WHERE CandidateId = @CandidateId";
    private const string InsertFacetSql = "INSERT INTO CandidateFacets (CandidateId, Facet, Value) VALUES (@CandidateId, @Facet, @Value)";
    private const string DeleteSearchSql = "DELETE FROM CandidateSearch WHERE CandidateId = @CandidateId";
    private const string InsertSearchSql = "INSERT INTO CandidateSearch (CandidateId, Body) VALUES (@CandidateId, @Body)";

    public static ProfileDocument Document(CandidateFields input) => new(
        input.Education ?? [], input.Credentials ?? [], input.Positions ?? [], input.Committees ?? [], input.Competencies ?? []);

    public static string? CompensationJson(CandidateFields input) =>
        input.Compensation is null ? null : JsonSerializer.Serialize(input.Compensation, Json);

    public static int ClinicalYears(ProfileDocument document, DateOnly today) =>
        CandidateProfile.YearsOfClinicalPractice(ProfileMapping.ToDomain(document), today);

    /// <summary>The highest rung of the CMO ladder the candidate has held; other executive roles are not on it.</summary>
    public static RoleLevel? HighestRoleLevel(IEnumerable<PositionInput> positions) =>
        positions.Where(p => p.Level is { } l && LadderRank(l) > 0)
            .Select(p => p.Level!.Value).OrderByDescending(LadderRank).Cast<RoleLevel?>().FirstOrDefault();

    /// <summary>Rungs of the CMO ladder (clinician, medical director, department chair, VPMA, CQO, CMO); executive roles off the ladder rank 0.</summary>
    private static int LadderRank(RoleLevel level) => level switch
    {
        RoleLevel.Clinician => 1,
        RoleLevel.MedicalDirector => 2,
        RoleLevel.DepartmentChair => 3,
        RoleLevel.VicePresidentMedicalAffairs or RoleLevel.VicePresidentClinicalDevelopment => 4,
        RoleLevel.ChiefQualityOfficer => 5,
        RoleLevel.ChiefMedicalOfficer => 6,
        _ => 0,
    };

    /// <param name="isNew">A new candidate has no search row to remove (FTS5 finds one by a full scan).</param>
    public static async Task WriteDerivedAsync(DbConnection connection, DbTransaction? transaction, Guid candidateId, CandidateFields input, bool isNew, CancellationToken cancellationToken)
    {
        var facets = Facets(input).Distinct().Select(f => new { CandidateId = candidateId, f.Facet, f.Value });
        await connection.ExecuteAsync(new CommandDefinition(DeleteFacetsSql, new { CandidateId = candidateId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertFacetSql, facets, transaction, cancellationToken: cancellationToken));
        if (!isNew)
            await connection.ExecuteAsync(new CommandDefinition(DeleteSearchSql, new { CandidateId = candidateId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertSearchSql, new { CandidateId = candidateId, Body = SearchText(input) }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Credentials (by kind and by common abbreviation), degrees and role levels, upper-cased for exact filters.</summary>
    private static IEnumerable<(string Facet, string Value)> Facets(CandidateFields input)
    {
        foreach (var e in input.Education ?? [])
            yield return ("credential", Normalise(e.Degree!));
        foreach (var c in input.Credentials ?? [])
        {
            yield return ("credential", c.Kind!.Value.ToString().ToUpperInvariant());
            if (c.Kind == CredentialKind.CertifiedPhysicianExecutive) yield return ("credential", "CPE");
        }

        foreach (var p in input.Positions ?? [])
            yield return ("role-level", p.Level!.Value.ToString().ToUpperInvariant());
    }

    public static string Normalise(string value) => value.Trim().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string SearchText(CandidateFields input)
    {
        var text = new StringBuilder();
        void Add(string? s) { if (!string.IsNullOrWhiteSpace(s)) text.Append(s).Append(' '); }
        // The e-mail too: recruiters look people up by the address they were sent.
        Add(input.FirstName); Add(input.LastName); Add(input.Email); Add(input.CurrentTitle); Add(input.CurrentEmployer); Add(input.Location); Add(input.Summary);
        foreach (var e in input.Education ?? []) { Add(e.Degree); Add(e.Institution); }
        foreach (var c in input.Credentials ?? []) { Add(c.Name); Add(c.Issuer); }
        foreach (var p in input.Positions ?? []) { Add(p.Organisation); Add(p.Title); }
        foreach (var c in input.Committees ?? []) { Add(c.Name); Add(c.Focus); }
        foreach (var c in input.Competencies ?? []) { Add(c.Name); Add(c.Evidence); }
        return text.ToString();
    }
}
