using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SearchFirm.Api.Hosting;

/// <summary>
/// What the document says about itself: title, the three ways to sign in, what each tag covers,
/// and server addresses without a trailing slash (generated clients append paths that start with one).
/// </summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public const string Staff = "Bearer";
    public const string Board = "BoardSession";
    public const string BoardCookie = "BoardSessionCookie";
    public const string Candidate = "CandidateSession";
    public const string CandidateCookie = "CandidateSessionCookie";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Sign-in"] = "Staff sign in for a bearer token and revoke it.",
        ["Users"] = "The firm's staff: admins, partners, recruiters.",
        ["Clients"] = "The hospitals, payers and life-science companies the firm searches for.",
        ["Searches"] = "Searches (code-named, confidential to their team), their team, specification and status.",
        ["Candidates"] = "Candidates' profiles, keyword search, portal invitations and erasure.",
        ["Pipeline"] = "Candidacies: adding a candidate to a search, moves under the firm's rules, the board, the scorecard, conflicts and off-limits rules.",
        ["Documents"] = "Candidates' documents: uploads checked by content, downloads as attachments.",
        ["Consents"] = "A candidate's consents to processing and to being presented to a client.",
        ["Audit"] = "The append-only audit trail (admins).",
        ["Network"] = "The referral network: people, relationships, referrals, warm introduction paths, CSV import.",
        ["Briefs"] = "Board-ready PDF briefs and shortlist books: requested, rendered in the background, downloaded.",
        ["Committee"] = "The client's search committee as the team sees it: invitations, roles, settings, feedback.",
        ["Board"] = "What a committee member does once signed in by their one-time link: the shortlist, briefs, feedback, conflicts of interest.",
        ["Candidate portal"] = "What a candidate does once signed in by their one-time link: their profile, searches, consents, withdrawal, erasure.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SearchFirm API";
        document.Info.Description = "Retained executive search: CMO searches, pipeline, referral network, board-ready briefs, " +
            "the committee's and the candidates' portals.";
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
                tag.Description = description;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        var schemes = document.Components.SecuritySchemes;
        schemes[Staff] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Staff: a token from POST /api/auth/token.",
        };
        schemes[Board] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A committee member: the brd_ session from POST /api/board/sessions, which spends the one-time link of their invitation.",
        };
        schemes[BoardCookie] = Cookie(BoardSessionAuthentication.BoardCookie, "A committee member in a browser: the same session, set as a cookie by the sign-in.");
        schemes[Candidate] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A candidate: the cnd_ session from POST /api/portal/sessions, which spends the one-time link of their invitation.",
        };
        schemes[CandidateCookie] = Cookie(CandidateSessionAuthentication.CandidateCookie, "A candidate in a browser: the same session, set as a cookie by the sign-in.");
        return Task.CompletedTask;
    }

    private static OpenApiSecurityScheme Cookie(string name, string description) => new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Cookie,
        Name = name,
        Description = description,
    };
}

/// <summary>
/// On each operation: how to sign in for it, from the authentication schemes of its policies
/// (<c>security: []</c> on anonymous routes), and an operationId, so that generated clients get
/// stable method names. The id comes from the method and route: GET /api/searches/{id}/pipeline
/// is getSearchesByIdPipeline.
/// </summary>
internal sealed class OperationSecurityTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        operation.OperationId ??= OperationId(description.HttpMethod ?? "get", description.RelativePath ?? "");

        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.Security = [];
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (metadata.OfType<IAllowAnonymous>().Any() || authorize.Count == 0) return;

        // ASP.NET Core combines an endpoint's policies, schemes included; a policy naming none uses the default (staff).
        var schemes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var data in authorize)
        {
            var policy = data.Policy is null ? null : await policies.GetPolicyAsync(data.Policy);
            schemes.UnionWith(policy?.AuthenticationSchemes ?? []);
            schemes.UnionWith(data.AuthenticationSchemes?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
        }

        if (schemes.Count == 0) schemes.Add(BearerTokenAuthentication.SchemeName);
        foreach (var scheme in schemes.Order(StringComparer.Ordinal))
        {
            string[] documented = scheme switch
            {
                BearerTokenAuthentication.SchemeName => [DocumentInfoTransformer.Staff],
                BoardSessionAuthentication.SchemeName => [DocumentInfoTransformer.Board, DocumentInfoTransformer.BoardCookie],
                CandidateSessionAuthentication.SchemeName => [DocumentInfoTransformer.Candidate, DocumentInfoTransformer.CandidateCookie],
                _ => throw new InvalidOperationException($"The authentication scheme '{scheme}' has no OpenAPI security scheme."),
            };
            foreach (var name in documented)
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, context.Document)] = [] });
        }
    }

    public static string OperationId(string method, string route)
    {
        var words = route.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(segment => segment != "api")
            .Select(segment => segment.StartsWith('{') ? "By" + Pascal(segment.Trim('{', '}').Split(':')[0]) : Pascal(segment));
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static string Pascal(string text) => string.Concat(text.Split('-', '.', '_')
        .Where(part => part.Length > 0)
        .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
