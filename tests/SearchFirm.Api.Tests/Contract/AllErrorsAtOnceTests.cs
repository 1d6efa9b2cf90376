using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SearchFirm.Api.Tests.Infrastructure;

namespace SearchFirm.Api.Tests.Contract;

/// <summary>
/// A body with several mistakes is answered with all of them at once: values of the wrong type and
/// unknown enum names beside the validators' errors, and members the route does not know, by name.
/// </summary>
public sealed class AllErrorsAtOnceTests
{
    private ApiFactory api = null!;
    private HttpClient admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        api = new ApiFactory();
        admin = await api.AdminAsync();
    }

    [OneTimeTearDown]
    public void Stop() => api.Dispose();

    [Test]
    public async Task An_unknown_enum_name_and_an_empty_name_are_reported_together_and_the_error_lists_the_accepted_names()
    {
        var before = await DatabaseSnapshot.TakeAsync(api);

        var errors = await ErrorsAsync(await PostAsync("/api/clients", """{"name": "", "kind": "Hospital"}"""));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "name", "kind" }));
        Assert.That(errors["kind"].Single(), Is.EqualTo("'kind' must be one of: HospitalOrHealthSystem, Payer, PharmaOrBiotech, Other."));
        Assert.That(await DatabaseSnapshot.TakeAsync(api), Is.EqualTo(before), "nothing is stored");
    }

    [Test]
    public async Task A_misspelt_member_is_refused_by_name_with_the_other_errors()
    {
        var before = await DatabaseSnapshot.TakeAsync(api);

        var errors = await ErrorsAsync(await PostAsync("/api/clients", """{"name": "Mercy Health", "kind": "Payer", "organization": "Mercy"}"""));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "organization" }));
        Assert.That(errors["organization"].Single(), Does.StartWith("'organization' is not a member of this request"));
        Assert.That(await DatabaseSnapshot.TakeAsync(api), Is.EqualTo(before), "a misspelt member is not silently dropped");
    }

    [Test]
    public async Task Mistakes_inside_lists_are_reported_by_path_beside_the_validators_errors()
    {
        var body = """
            {"firstName": "", "lastName": "Okafor", "email": "not-an-e-mail",
             "education": [{"degree": "MD", "institution": "Ibadan", "year": "nineteen ninety"}],
             "credentials": [{"kind": "Licence", "name": "GMC"}],
             "positions": [{"organisation": "St Mary's", "title": "CMO", "level": "CMO", "from": "2020-13-01", "isClinical": "yes", "employer": "x"}]}
            """;

        var errors = await ErrorsAsync(await PostAsync("/api/candidates", body));

        Assert.That(errors.Keys, Is.SupersetOf(new[]
        {
            "firstName", "email", "education[0].year", "credentials[0].kind", "positions[0].from", "positions[0].isClinical", "positions[0].employer",
        }), string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        Assert.That(errors["education[0].year"].Single(), Is.EqualTo("'education[0].year' must be a whole number."));
        Assert.That(errors["credentials[0].kind"].Single(), Does.StartWith("'credentials[0].kind' must be one of: "));
    }

    [Test]
    public async Task A_body_error_is_reported_where_the_endpoint_checks_a_member_itself()
    {
        // POST /api/referrals reads searchId before anything else, to know whose team may send it.
        var errors = await ErrorsAsync(await PostAsync("/api/referrals", """{"searchId": "not-a-guid", "candidateId": 5, "note": "x"}"""));

        Assert.That(errors.Keys, Is.SupersetOf(new[] { "searchId", "candidateId" }));
        Assert.That(errors["searchId"], Is.EqualTo(new[] { "'searchId' must be a GUID." }));
    }

    [Test]
    public async Task An_unknown_enum_name_in_the_query_lists_the_accepted_names()
    {
        var errors = await ErrorsAsync(await admin.GetAsync("/api/candidates?roleLevel=Boss"));

        Assert.That(errors["roleLevel"].Single(), Does.StartWith("'roleLevel' must be one of: Clinician, MedicalDirector,"));
    }

    [Test]
    public async Task A_body_that_is_not_valid_JSON_says_so_even_after_an_unknown_member()
    {
        var errors = await ErrorsAsync(await PostAsync("/api/clients", """{"organization": "Mercy", "name": "unterminated"""));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "body" }));
        Assert.That(errors["body"].Single(), Does.StartWith("The body is not valid JSON"));
    }

    [Test]
    public async Task A_recruiter_off_the_team_is_refused_before_the_body_is_judged()
    {
        // Body errors are reported by the validation step, which comes after authorization as for any other error.
        var client = await admin.PostAsJsonAsync("/api/clients", new { name = "Ridge Health", kind = "Payer" });
        var clientId = (await client.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
        var search = await admin.PostAsJsonAsync("/api/searches", new { clientId, title = "Chief Medical Officer", codeName = "Project Ridge" });
        var searchId = (await search.Content.ReadFromJsonAsync<ApiFactory.IdBody>())!.Id;
        var (_, _, recruiter) = await api.StaffAsync("Recruiter");

        var response = await recruiter.PostAsync($"/api/searches/{searchId}/status",
            new StringContent("""{"status": "Cancelled", "expectedVersion": "one"}""", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        admin.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        using var problem = JsonDocument.Parse(body);
        Assert.That(problem.RootElement.GetProperty("code").GetString(), Is.EqualTo("validation"));
        return problem.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }
}
