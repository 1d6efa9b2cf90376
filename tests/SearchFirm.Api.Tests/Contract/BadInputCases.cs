using System.Net;
using System.Text.Json;

namespace SearchFirm.Api.Tests.Contract;

/// <summary>
/// One bad request: where it goes, what it carries, and how the host must answer. Paths name the
/// fixture's entities as {client}, {search}, {user}, {candidate} and {candidacy}.
/// </summary>
/// <param name="AsCandidate">Sent by the fixture's candidate signed in to the portal instead of the admin.</param>
/// <param name="AsBoard">Sent by the fixture's committee member signed in to the board routes instead of the admin.</param>
public sealed record BadInput(string Name, HttpMethod Method, string Path, string? Body, HttpStatusCode Status, string? Field,
    string ContentType = "application/json", bool AsCandidate = false, bool AsBoard = false)
{
    public override string ToString() => Name;
}

/// <summary>The table of bad input for every route that takes input.</summary>
public static class BadInputCases
{
    private const string Malformed = """{"name": "unterminated""";
    public static readonly string OverOneMegabyte = Json(new { name = new string('a', 1024 * 1024 + 1), kind = "Other" });

    public static IEnumerable<TestCaseData> All() => Cases().Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    private static IEnumerable<BadInput> Cases()
    {
        var token = Route(HttpMethod.Post, "/api/auth/token");
        yield return token("malformed JSON", Malformed, "body");
        yield return token("missing e-mail", Json(new { password = "some-password" }), "email");
        yield return token("over-long e-mail", Json(new { email = LongEmail, password = "some-password" }), "email");
        yield return token("e-mail given as a number", """{"email": 42, "password": "some-password"}""", "email");
        yield return token("password given as an array", """{"email": "a@firm.test", "password": ["x"]}""", "password");
        yield return token("JSON null for a body", "null", "body");
        yield return token("an empty body", "", "body");
        yield return token("no body at all", null, "body");
        yield return TooLarge(HttpMethod.Post, "/api/auth/token");
        yield return WrongContentType(HttpMethod.Post, "/api/auth/token");

        var users = Route(HttpMethod.Post, "/api/users");
        yield return users("malformed JSON", Malformed, "body");
        yield return users("missing role", Json(new { email = "new@firm.test", displayName = "New", password = "long-enough-password" }), "role");
        yield return users("over-long display name", User(displayName: new string('a', 201)), "displayName");
        yield return users("over-long password", User(password: new string('p', 257)), "password");
        yield return users("unknown role", User(role: "Boss"), "role");
        yield return users("role given as a number", User(role: 1), "role");
        yield return users("role given as a numeric string", User(role: "1"), "role");
        // Admin | Partner is Partner: without a guard, a list of names silently becomes another single one.
        yield return users("two roles joined by a comma", User(role: "Admin, Partner"), "role");
        yield return users("e-mail given as an object", """{"email": {}, "displayName": "New", "role": "Recruiter", "password": "long-enough-password"}""", "email");
        yield return TooLarge(HttpMethod.Post, "/api/users");
        yield return WrongContentType(HttpMethod.Post, "/api/users");

        var enabled = Route(HttpMethod.Put, "/api/users/{user}/enabled");
        yield return enabled("malformed JSON", Malformed, "body");
        yield return enabled("missing enabled", "{}", "enabled");
        yield return enabled("no body at all", null, "body");
        yield return enabled("enabled given as a string", """{"enabled": "no"}""", "enabled");
        yield return Route(HttpMethod.Put, "/api/users/not-a-guid/enabled")("a user id that is not a GUID", """{"enabled": false}""", "id");
        yield return WrongContentType(HttpMethod.Put, "/api/users/{user}/enabled");

        var clients = Route(HttpMethod.Post, "/api/clients");
        yield return clients("malformed JSON", Malformed, "body");
        yield return clients("missing kind", Json(new { name = "Mercy Health" }), "kind");
        yield return clients("over-long name", Json(new { name = new string('n', 201), kind = "Payer" }), "name");
        yield return clients("unknown kind", Json(new { name = "Mercy Health", kind = "Hospital" }), "kind");
        yield return clients("kind given as a number", Json(new { name = "Mercy Health", kind = 0 }), "kind");
        yield return clients("name given as a number", """{"name": 5, "kind": "Payer"}""", "name");
        yield return clients("no body at all", null, "body");
        yield return clients("an array for a body", """[{"name": "Mercy Health", "kind": "Payer"}]""", "body");
        yield return clients("parent id that is not a GUID", Json(new { name = "Mercy Health", kind = "Payer", parentClientId = "x" }), "parentClientId");
        yield return TooLarge(HttpMethod.Post, "/api/clients");
        yield return WrongContentType(HttpMethod.Post, "/api/clients");
        yield return Route(HttpMethod.Get, "/api/clients/not-a-guid")("a client id that is not a GUID", null, "id");

        var searches = Route(HttpMethod.Post, "/api/searches");
        yield return searches("malformed JSON", Malformed, "body");
        yield return searches("missing code name", """{"clientId": "{client}", "title": "CMO"}""", "codeName");
        yield return searches("over-long code name", """{"clientId": "{client}", "title": "CMO", "codeName": "{long-code-name}"}""", "codeName");
        yield return searches("client id that is not a GUID", """{"clientId": "abc", "title": "CMO", "codeName": "Project Pine"}""", "clientId");
        yield return searches("title given as an object", """{"clientId": "{client}", "title": {}, "codeName": "Project Pine"}""", "title");
        yield return TooLarge(HttpMethod.Post, "/api/searches");
        yield return WrongContentType(HttpMethod.Post, "/api/searches");
        yield return Route(HttpMethod.Get, "/api/searches/not-a-guid")("a search id that is not a GUID", null, "id");
        // Both missing: both named, not only the first the endpoint looks at.
        yield return Route(HttpMethod.Get, "/api/conflicts")("a conflict check naming neither candidate nor search", null, "candidateId");

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete })
        {
            yield return Route(method, "/api/searches/not-a-guid/team/{user}")("a search id that is not a GUID", null, "id");
            yield return Route(method, "/api/searches/{search}/team/not-a-guid")("a user id that is not a GUID", null, "userId");
        }

        var specification = Route(HttpMethod.Put, "/api/searches/{search}/specification");
        yield return specification("malformed JSON", Malformed, "body");
        yield return specification("missing criteria", "{}", "criteria");
        yield return specification("criteria given as a string", """{"criteria": "all of them"}""", "criteria");
        yield return specification("a null criterion", """{"criteria": [null]}""", "criteria[0]");
        yield return specification("JSON nested too deep", "{\"criteria\": [], \"extra\": " + new string('[', 100) + new string(']', 100) + "}", "body");
        yield return specification("over-long criterion label", Criteria(label: new string('l', 201)), "criteria[0].label");
        yield return specification("over-long criterion key", Criteria(key: new string('k', 65)), "criteria[0].key");
        yield return specification("weight given as a string", """{"criteria": [{"key": "mba", "label": "MBA", "weight": "heavy", "required": true}]}""", "criteria[0].weight");
        yield return specification("weight given as a numeric string", """{"criteria": [{"key": "mba", "label": "MBA", "weight": "10", "required": true}]}""", "criteria[0].weight");
        yield return Route(HttpMethod.Put, "/api/searches/not-a-guid/specification")("a search id that is not a GUID", Criteria(), "id");
        yield return TooLarge(HttpMethod.Put, "/api/searches/{search}/specification");
        yield return WrongContentType(HttpMethod.Put, "/api/searches/{search}/specification");

        var status = Route(HttpMethod.Post, "/api/searches/{search}/status");
        yield return status("malformed JSON", Malformed, "body");
        yield return status("missing expected version", Json(new { status = "Open" }), "expectedVersion");
        yield return status("unknown status", Json(new { status = "Closed", expectedVersion = 1 }), "status");
        yield return status("status given as a number", Json(new { status = 1, expectedVersion = 1 }), "status");
        yield return status("two statuses joined by a comma", Json(new { status = "Draft, Open", expectedVersion = 1 }), "status");
        yield return status("expected version given as a string", Json(new { status = "Open", expectedVersion = "one" }), "expectedVersion");
        yield return status("expected version given as a numeric string", Json(new { status = "Open", expectedVersion = "1" }), "expectedVersion");
        yield return Route(HttpMethod.Post, "/api/searches/not-a-guid/status")("a search id that is not a GUID", Json(new { status = "Open", expectedVersion = 1 }), "id");
        yield return WrongContentType(HttpMethod.Post, "/api/searches/{search}/status");

        foreach (var input in PortalCases())
            yield return input;
        foreach (var input in CommitteeCases())
            yield return input;
    }

    /// <summary>The committee: the team's settings and members' roles, and what members declare ({member} is the fixture's).</summary>
    private static IEnumerable<BadInput> CommitteeCases()
    {
        var invite = Route(HttpMethod.Post, "/api/searches/{search}/committee");
        yield return invite("missing e-mail", Json(new { name = "Jane Doe" }), "email");
        yield return invite("unknown role", Json(new { email = "jane@client.example", name = "Jane Doe", role = "Chair" }), "role");
        yield return invite("role given as a number", """{"email": "jane@client.example", "name": "Jane Doe", "role": 1}""", "role");

        var settings = Route(HttpMethod.Put, "/api/searches/{search}/committee/settings");
        yield return settings("malformed JSON", Malformed, "body");
        yield return settings("missing results display", "{}", "resultsDisplay");
        yield return settings("unknown results display", Json(new { resultsDisplay = "Ranked" }), "resultsDisplay");
        yield return settings("results display given as a number", """{"resultsDisplay": 2}""", "resultsDisplay");
        yield return settings("a deadline that is not a date", Json(new { resultsDisplay = "TotalsOnly", decisionDeadline = "next Friday" }), "decisionDeadline");
        yield return settings("a deadline already past", Json(new { resultsDisplay = "TotalsOnly", decisionDeadline = DateTimeOffset.UtcNow.AddDays(-1) }), "decisionDeadline");
        yield return settings("a deadline years away", Json(new { resultsDisplay = "TotalsOnly", decisionDeadline = DateTimeOffset.UtcNow.AddYears(5) }), "decisionDeadline");
        yield return Route(HttpMethod.Put, "/api/searches/not-a-guid/committee/settings")("a search id that is not a GUID", Json(new { resultsDisplay = "TotalsOnly" }), "id");
        yield return TooLarge(HttpMethod.Put, "/api/searches/{search}/committee/settings");
        yield return WrongContentType(HttpMethod.Put, "/api/searches/{search}/committee/settings");

        var role = Route(HttpMethod.Put, "/api/searches/{search}/committee/members/{member}/role");
        yield return role("malformed JSON", Malformed, "body");
        yield return role("missing role", "{}", "role");
        yield return role("unknown role", Json(new { role = "Observer" }), "role");
        yield return role("two roles joined by a comma", Json(new { role = "Voting, Advisory" }), "role");
        yield return Route(HttpMethod.Put, "/api/searches/{search}/committee/members/not-a-guid/role")("a member id that is not a GUID", Json(new { role = "Voting" }), "memberId");
        yield return WrongContentType(HttpMethod.Put, "/api/searches/{search}/committee/members/{member}/role");

        var conflict = Board(HttpMethod.Post, "/api/board/candidacies/{candidacy}/conflict-of-interest");
        yield return conflict("malformed JSON", Malformed, "body");
        yield return conflict("missing description", "{}", "description");
        yield return conflict("a blank description", Json(new { description = "   " }), "description");
        yield return conflict("over-long description", Json(new { description = new string('d', 2001) }), "description");
        yield return conflict("description given as a number", """{"description": 3}""", "description");
        yield return Board(HttpMethod.Post, "/api/board/candidacies/not-a-guid/conflict-of-interest")("a candidacy id that is not a GUID", Json(new { description = "Cousin" }), "id");
        yield return WrongContentType(HttpMethod.Post, "/api/board/candidacies/{candidacy}/conflict-of-interest") with { AsBoard = true };
    }

    private static Func<string, string?, string, BadInput> Board(HttpMethod method, string path) =>
        (name, body, field) => new BadInput($"{method} {path} (committee member): {name}", method, path, body, HttpStatusCode.BadRequest, field, AsBoard: true);

    /// <summary>The candidate portal's routes (as the candidate) and the staff routes that serve it.</summary>
    private static IEnumerable<BadInput> PortalCases()
    {
        yield return Route(HttpMethod.Post, "/api/candidates/not-a-guid/invitations")("a candidate id that is not a GUID", null, "id");
        yield return Route(HttpMethod.Post, "/api/candidates/not-a-guid/erasure")("a candidate id that is not a GUID", null, "id");
        yield return Route(HttpMethod.Post, "/api/candidacies/not-a-guid/client-disclosure")("a candidacy id that is not a GUID", null, "id");

        var session = Route(HttpMethod.Post, "/api/portal/sessions");
        yield return session("malformed JSON", Malformed, "body");
        yield return session("missing token", "{}", "token");
        yield return session("over-long token", Json(new { token = new string('t', 201) }), "token");
        yield return session("token given as a number", """{"token": 7}""", "token");
        yield return WrongContentType(HttpMethod.Post, "/api/portal/sessions");
        yield return session("no body at all", null, "body");
        yield return session("a JSON null", "null", "body");

        // The e-mailed link's own routes: a browser's form post, or a client spending the link at once.
        var signIn = Route(HttpMethod.Post, "/portal/sign-in");
        yield return signIn("a form without the token", "other=1", "token") with { ContentType = "application/x-www-form-urlencoded" };
        yield return signIn("an over-long token", "token=" + new string('t', 201), "token") with { ContentType = "application/x-www-form-urlencoded" };
        yield return new BadInput("POST /portal/sign-in: a body that is not a form", HttpMethod.Post, "/portal/sign-in", Json(new { token = "cpl_x" }),
            HttpStatusCode.UnsupportedMediaType, null);
        yield return signIn("no body at all", null, "token");
        yield return new BadInput("POST /board/sign-in: a body that is not a form", HttpMethod.Post, "/board/sign-in", Json(new { token = "brd_x" }),
            HttpStatusCode.UnsupportedMediaType, null);
        yield return Route(HttpMethod.Get, "/portal/sign-in")("a link without its token", null, "token");

        var profile = Portal(HttpMethod.Put, "/api/portal/profile");
        yield return profile("malformed JSON", Malformed, "body");
        yield return profile("missing expected version", Json(new { firstName = "Amara", lastName = "Okafor" }), "expectedVersion");
        yield return profile("over-long first name", Json(new { firstName = new string('a', 101), lastName = "Okafor", expectedVersion = 1 }), "firstName");
        yield return profile("a position without its level", """{"firstName": "Amara", "lastName": "Okafor", "expectedVersion": 1, "positions": [{"organisation": "Lakeside", "title": "CQO", "from": "2020-07-01"}]}""", "positions[0].level");
        yield return profile("a phone number with letters", Json(new { firstName = "Amara", lastName = "Okafor", expectedVersion = 1, phone = "call me" }), "phone");
        yield return TooLarge(HttpMethod.Put, "/api/portal/profile") with { AsCandidate = true };
        yield return WrongContentType(HttpMethod.Put, "/api/portal/profile") with { AsCandidate = true };

        var withdrawal = Portal(HttpMethod.Post, "/api/portal/candidacies/{candidacy}/withdrawal");
        yield return withdrawal("malformed JSON", Malformed, "body");
        yield return withdrawal("missing reason code", "{}", "reasonCode");
        yield return withdrawal("unknown reason code", Json(new { reasonCode = "bored" }), "reasonCode");
        yield return withdrawal("over-long reason", Json(new { reasonCode = "other", reason = new string('r', 1001) }), "reason");
        yield return Portal(HttpMethod.Post, "/api/portal/candidacies/not-a-guid/withdrawal")("a candidacy id that is not a GUID", Json(new { reasonCode = "other" }), "id");
        yield return WrongContentType(HttpMethod.Post, "/api/portal/candidacies/{candidacy}/withdrawal") with { AsCandidate = true };
        yield return withdrawal("no body at all", null, "body");

        yield return Portal(HttpMethod.Post, "/api/portal/consents/not-a-guid/withdrawal")("a consent id that is not a GUID", null, "id");

        var erasure = Portal(HttpMethod.Post, "/api/portal/erasure");
        yield return erasure("confirm left out", "{}", "confirm");
        yield return erasure("confirm false", Json(new { confirm = false }), "confirm");
        yield return erasure("confirm given as a string", """{"confirm": "yes"}""", "confirm");
        yield return erasure("malformed JSON", Malformed, "body");
        yield return erasure("no body at all", null, "body");
        yield return erasure("a JSON null", "null", "body");
        yield return profile("no body at all", null, "body");

        var consent = Portal(HttpMethod.Post, "/api/candidates/{candidate}/consents");
        yield return consent("unknown consent kind", Json(new { kind = "Everything" }), "kind");
        yield return consent("present to a client without the search", Json(new { kind = "PresentToClient" }), "searchId");
    }

    private static Func<string, string?, string, BadInput> Portal(HttpMethod method, string path) =>
        (name, body, field) => new BadInput($"{method} {path} (candidate): {name}", method, path, body, HttpStatusCode.BadRequest, field, AsCandidate: true);

    private static string LongEmail => new string('a', 311) + "@firm.test";

    private static Func<string, string?, string, BadInput> Route(HttpMethod method, string path) =>
        (name, body, field) => new BadInput($"{method} {path}: {name}", method, path, body, HttpStatusCode.BadRequest, field);

    private static BadInput TooLarge(HttpMethod method, string path) =>
        new($"{method} {path}: a body over 1 MB", method, path, OverOneMegabyte, HttpStatusCode.RequestEntityTooLarge, null);

    private static BadInput WrongContentType(HttpMethod method, string path) =>
        new($"{method} {path}: a body that is not JSON", method, path, "name=Mercy", HttpStatusCode.UnsupportedMediaType, null,
            "application/x-www-form-urlencoded");

    private static string User(string displayName = "New", string password = "long-enough-password", object? role = null) =>
        Json(new { email = $"new-{Guid.NewGuid():N}@firm.test", displayName, role = role ?? "Recruiter", password });

    private static string Criteria(string key = "mba", string label = "MBA") =>
        Json(new { criteria = new[] { new { key, label, weight = 10, required = true } } });

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
