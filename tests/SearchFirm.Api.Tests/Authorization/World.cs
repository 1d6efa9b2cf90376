using System.Net.Http.Json;
using System.Text.Json;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Authorization;

/// <summary>
/// A small firm made over HTTP for one matrix row: a search led by a partner, a recruiter on its
/// team, one off it, a candidate in the search, and spare people and things for routes that
/// change them. Fresh for every row, so that rows never depend on each other.
/// </summary>
public sealed class World
{
    public required Dictionary<Actor, HttpClient> Clients { get; init; }
    public required Dictionary<string, string> Ids { get; init; }

    /// <param name="candidate">Also sign the world's candidate in to the portal (contacted first, so the search is theirs to see).</param>
    public static async Task<World> CreateAsync(ApiFactory api, bool candidate = false)
    {
        var admin = await api.AdminAsync();
        var (partnerId, _, partner) = await api.StaffAsync("Partner");
        var (recruiterId, _, recruiter) = await api.StaffAsync("Recruiter");
        var (_, _, outsider) = await api.StaffAsync("Recruiter");
        var (spareId, _, _) = await api.StaffAsync("Recruiter");
        var (memberId, _, _) = await api.StaffAsync("Recruiter");

        var clientId = await IdOf(await partner.PostAsJsonAsync("/api/clients", new { name = $"Mercy {Guid.NewGuid():N}", kind = "HospitalOrHealthSystem" }));
        var searchId = await IdOf(await partner.PostAsJsonAsync("/api/searches", new { clientId, title = "Chief Medical Officer", codeName = $"Project {Guid.NewGuid():N}" }));
        (await partner.PutAsync($"/api/searches/{searchId}/team/{recruiterId}", null)).EnsureSuccessStatusCode();
        (await partner.PutAsync($"/api/searches/{searchId}/team/{memberId}", null)).EnsureSuccessStatusCode();
        var candidateId = await IdOf(await recruiter.PostAsJsonAsync("/api/candidates", NewCandidate()));
        var spareCandidateId = await IdOf(await recruiter.PostAsJsonAsync("/api/candidates", NewCandidate()));
        var candidacyId = await IdOf(await recruiter.PostAsJsonAsync($"/api/searches/{searchId}/candidacies", new { candidateId }));
        var documentId = await IdOf(await recruiter.PostAsync($"/api/candidates/{candidateId}/documents", Cv()));
        var briefResponse = await recruiter.PostAsJsonAsync($"/api/candidacies/{candidacyId}/briefs", new { audience = "Internal" });
        briefResponse.EnsureSuccessStatusCode();
        var briefId = (await briefResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("briefId").GetString()!;
        var personId = await IdOf(await recruiter.PostAsJsonAsync("/api/people", new { fullName = "Dr. Ada Reyes", currentOrganisation = "Lakeside Health" }));
        var otherPersonId = await IdOf(await recruiter.PostAsJsonAsync("/api/people", new { fullName = "Dr. Sam Lee", currentOrganisation = "Lakeside Health" }));
        var committeeMemberId = await IdOf(await recruiter.PostAsJsonAsync($"/api/searches/{searchId}/committee", new { email = $"chair-{Guid.NewGuid():N}@client.example", name = "Dr. Board Chair" }));

        var portal = api.CreateClient();
        if (candidate)
        {
            (await recruiter.PostAsJsonAsync($"/api/candidacies/{candidacyId}/transitions", new { to = "Contacted", expectedVersion = 1 })).EnsureSuccessStatusCode();
            portal = await api.CandidateAsync(recruiter, candidateId);
        }

        return new World
        {
            Clients = new()
            {
                [Actor.Admin] = admin,
                [Actor.PartnerOnTeam] = partner,
                [Actor.RecruiterOnTeam] = recruiter,
                [Actor.RecruiterOffTeam] = outsider,
                [Actor.Anonymous] = api.CreateClient(),
                [Actor.Candidate] = portal,
            },
            Ids = new()
            {
                ["clientId"] = clientId,
                ["searchId"] = searchId,
                ["candidateId"] = candidateId,
                ["spareCandidateId"] = spareCandidateId,
                ["candidacyId"] = candidacyId,
                ["documentId"] = documentId,
                ["personId"] = personId,
                ["briefId"] = briefId,
                ["otherPersonId"] = otherPersonId,
                ["committeeMemberId"] = committeeMemberId,
                ["spareUserId"] = spareId.ToString(),
                ["teamMemberId"] = memberId.ToString(),
                ["partnerId"] = partnerId.ToString(),
                ["consentId"] = await ConsentIdAsync(recruiter, candidateId),
            },
        };
    }

    public static object NewCandidate() => new
    {
        firstName = "Amara",
        lastName = "Okafor",
        email = $"amara-{Guid.NewGuid():N}@example.org",
        education = new[] { new { degree = "MD", institution = "Northwestern", year = 2004 } },
    };

    /// <summary>A small plain-text CV as a multipart upload.</summary>
    public static MultipartFormDataContent Cv()
    {
        var file = new ByteArrayContent("Amara Okafor, MD, MBA. Chief Quality Officer, Lakeside Health."u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        return new MultipartFormDataContent { { file, "file", "cv.txt" }, { new StringContent("Cv"), "kind" } };
    }

    /// <summary>A one-row people CSV as a multipart import.</summary>
    public static MultipartFormDataContent PeopleCsv()
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"externalId,fullName,email\nx-{Guid.NewGuid():N},Dr. Kim Park,kim-{Guid.NewGuid():N}@example.org\n"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "people", "people.csv" } };
    }

    public string Fill(string template)
    {
        foreach (var (name, value) in Ids)
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return template;
    }

    private static async Task<string> ConsentIdAsync(HttpClient recruiter, string candidateId) =>
        await IdOf(await recruiter.PostAsJsonAsync($"/api/candidates/{candidateId}/consents", new { kind = "Processing" }));

    private static async Task<string> IdOf(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}

public enum Actor
{
    Admin,
    PartnerOnTeam,
    RecruiterOnTeam,
    RecruiterOffTeam,
    Anonymous,

    /// <summary>The world's candidate, signed in to the portal.</summary>
    Candidate,
}
