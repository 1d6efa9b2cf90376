using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SearchFirm.Api.Endpoints;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Network;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// Examples for the shapes a client would otherwise have to guess: a candidate's credentials and
/// committees, and the person ids of the referral network (a member of staff's own id names their person).
/// </summary>
internal sealed class SchemaExamplesTransformer : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(CredentialInput)] = """
            {"kind": "BoardCertification", "name": "Internal Medicine", "issuer": "American Board of Internal Medicine", "expiresOn": "2031-12-31"}
            """,
        [typeof(CommitteeInput)] = """
            {"name": "Quality and Patient Safety Committee", "role": "Chair", "focus": "Sepsis mortality and readmissions"}
            """,
        [typeof(CreateCandidate)] = """
            {"firstName": "Amara", "lastName": "Okafor", "email": "amara.okafor@example.org", "currentTitle": "Vice President, Medical Affairs",
             "currentEmployer": "Mercy Health", "education": [{"degree": "MD", "institution": "University of Ibadan", "year": 2001}],
             "credentials": [{"kind": "MedicalLicence", "name": "Ohio", "issuer": "State Medical Board of Ohio", "expiresOn": "2027-06-30"},
                             {"kind": "CertifiedPhysicianExecutive", "name": "CPE", "issuer": "American Association for Physician Leadership", "expiresOn": null}],
             "positions": [{"organisation": "Mercy Health", "title": "Vice President, Medical Affairs", "level": "VicePresidentMedicalAffairs", "from": "2019-03-01", "to": null, "isClinical": false}],
             "committees": [{"name": "Quality and Patient Safety Committee", "role": "Chair", "focus": "Sepsis mortality and readmissions"}]}
            """,
        // The staff member's own user id (GET /api/me) names their person: no person to create first.
        [typeof(CreateRelationship)] = """
            {"fromPersonId": "0195a3c1-6f3e-7a41-9c55-2f4d8e1b7a10", "toPersonId": "0195a3c2-0b7d-7c12-8e3a-5a6b9c0d1e2f",
             "kind": "WorkedWith", "strength": 4, "source": "Both on the Mercy Health quality board", "since": "2018-01-01T00:00:00Z"}
            """,
        [typeof(NetworkEndpoints.ReferralBody)] = """
            {"referrerPersonId": "0195a3c1-6f3e-7a41-9c55-2f4d8e1b7a10", "candidateId": "0195a3c3-1d2e-7f40-9a1b-3c4d5e6f7a8b",
             "searchId": "0195a3c4-2e3f-7051-8b2c-4d5e6f7a8b9c", "note": "Worked with her on the sepsis programme"}
            """,
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
            schema.Examples = [JsonNode.Parse(example)!];
        return Task.CompletedTask;
    }
}
