using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SearchFirm.Domain.Scorecards;

namespace SearchFirm.Features.Briefs;

public enum BriefKind
{
    Candidate,
    ShortlistBook,
}

/// <summary>Committee briefs leave the firm and need the candidate's consent; internal ones never leave it.</summary>
public enum BriefAudience
{
    Committee,
    Internal,
}

public enum BriefStatus
{
    Requested,
    Rendering,
    Ready,
    Failed,
}

/// <summary>
/// Everything a brief shows, gathered when it is requested and stored with it: the PDF is rendered
/// from exactly this, and its hash (with the template version) decides whether a request is new.
/// The client's name is in it only when the search has disclosed the client, so a template cannot
/// leak what it was never given.
/// </summary>
public sealed record BriefModel
{
    /// <summary>Bump when a template changes what a PDF looks like: the same data then renders anew.</summary>
    public const string TemplateVersion = "2026.11.3";

    public required BriefKind Kind { get; init; }
    public required BriefAudience Audience { get; init; }
    public required string FirmName { get; init; }
    public required string CodeName { get; init; }
    public string? ClientName { get; init; }
    public required string RoleTitle { get; init; }
    public required string PreparedFor { get; init; }
    public required DateOnly PreparedOn { get; init; }
    public required IReadOnlyList<SpecificationLine> Specification { get; init; }
    public required IReadOnlyList<CandidateSection> Candidates { get; init; }

    /// <summary>How documents name the client: its name once disclosed, the code name until then.</summary>
    [JsonIgnore]
    public string ClientLabel => ClientName ?? CodeName;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BriefModel FromJson(string json) => JsonSerializer.Deserialize<BriefModel>(json, Json)
        ?? throw new InvalidOperationException("A brief's stored model is empty.");

    /// <summary>SHA-256 of the template version and the data, lower-case hex.</summary>
    public static string InputHash(string modelJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TemplateVersion + "\n" + modelJson)));
}

public sealed record SpecificationLine(string Key, string Label, int Weight, bool Required);

/// <summary>One candidate as a brief shows them.</summary>
public sealed record CandidateSection
{
    public required Guid CandidacyId { get; init; }
    public required string Name { get; init; }
    /// <summary>"MD, MBA, CPE": the degrees and credential a board expects after a physician executive's name.</summary>
    public required string PostNominals { get; init; }
    public string? CurrentTitle { get; init; }
    public string? CurrentEmployer { get; init; }
    public string? Location { get; init; }
    public required string Stage { get; init; }
    public string? RecruiterSummary { get; init; }
    public required IReadOnlyList<string> AreasToProbe { get; init; }
    public string? ReferencesSummary { get; init; }
    public required int ClinicalYears { get; init; }
    public string? HighestLevel { get; init; }
    public required IReadOnlyList<EducationLine> Education { get; init; }
    public required IReadOnlyList<CredentialLine> Credentials { get; init; }
    /// <summary>Most recent first.</summary>
    public required IReadOnlyList<PositionLine> Positions { get; init; }
    public required IReadOnlyList<CommitteeLine> Committees { get; init; }
    /// <summary>Medical Director → VP Medical Affairs → Chief Quality Officer → CMO, each reached or not.</summary>
    public required IReadOnlyList<LadderStep> Ladder { get; init; }
    public required IReadOnlyList<CompetencyLine> Competencies { get; init; }
    public required ScorecardResult Scorecard { get; init; }
    /// <summary>Null when the brief may not show it: committee briefs show only what the candidate marked shareable.</summary>
    public CompensationLine? Compensation { get; init; }
    public required bool Consented { get; init; }
    public required string ConsentStatus { get; init; }
}

public sealed record EducationLine(string Degree, string? Institution, int? Year);

public sealed record CredentialLine(string Kind, string Name, string? Issuer, DateOnly? ExpiresOn, bool Current);

public sealed record PositionLine(string Organisation, string Title, string Level, DateOnly From, DateOnly? To, bool IsClinical);

public sealed record CommitteeLine(string Name, string? Role, string? Focus);

public sealed record LadderStep(string Rung, bool Reached, string? Title, string? Organisation, int? Year);

public sealed record CompetencyLine(string Name, int Assessment, string? Evidence);

public sealed record CompensationLine(string Currency, decimal? CurrentBase, decimal? CurrentBonus, decimal? ExpectedBase, string? Notes, bool Shareable);
