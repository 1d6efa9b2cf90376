using System.Text.Json;
using SearchFirm.Domain.Candidates;

namespace SearchFirm.Features.Candidates;

/// <summary>From the stored profile document to the domain's <see cref="CandidateProfile"/>, which the rules read.</summary>
internal static class ProfileMapping
{
    public static CandidateProfile ToDomain(ProfileDocument d, int relationshipCount = 0) => new(
        d.Education.Where(e => !string.IsNullOrWhiteSpace(e.Degree)).Select(e => new Education(e.Degree!, e.Institution, e.Year)).ToList(),
        d.Credentials.Where(c => c.Kind is not null).Select(c => new Credential(c.Kind!.Value, c.Name ?? "", c.Issuer, c.ExpiresOn)).ToList(),
        d.Positions.Where(p => p.Level is not null && p.From is not null)
            .Select(p => new Position(p.Organisation ?? "", p.Title ?? "", p.Level!.Value, p.From!.Value, p.To, p.IsClinical == true)).ToList(),
        d.Committees.Select(c => new Committee(c.Name ?? "", c.Role, c.Focus)).ToList(),
        d.Competencies.Where(c => c.Key is not null && c.Assessment is not null)
            .Select(c => new Competency(c.Key!, c.Name ?? c.Key!, c.Assessment!.Value, c.Evidence)).ToList(),
        null,
        relationshipCount);

    public static CandidateProfile FromJson(string profileJson, int relationshipCount = 0) =>
        ToDomain(JsonSerializer.Deserialize<ProfileDocument>(profileJson, CandidateWriter.Json)!, relationshipCount);
}
