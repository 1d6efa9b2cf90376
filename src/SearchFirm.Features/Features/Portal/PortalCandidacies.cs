using System.Text.RegularExpressions;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Searches;

namespace SearchFirm.Features.Portal;

/// <summary>Where a candidate stands in a search, in their words: never the firm's internal stages.</summary>
public enum PortalStatus
{
    InConversation,
    InterviewingWithTheFirm,
    UnderConsideration,
    IntroducedToTheClient,
    InterviewingWithTheClient,
    Finalist,
    References,
    Offer,
    Appointed,
    YouDeclined,
    YouWithdrew,
    Closed,
}

/// <summary>
/// What a candidate may know of their candidacies. A candidacy still at Identified is the firm's
/// research, not yet a conversation: it stays invisible until the candidate has been contacted (any
/// move past Identified, or a portal invitation sent once the candidacy existed: inviting them is
/// contacting them), has consented for that search, or has ended it themselves. The client is named
/// only once the team disclosed it to this candidate; until then the code name and a description
/// that names no one.
/// </summary>
internal static partial class PortalCandidacies
{
    /// <summary>SQL condition on a candidacy aliased <c>cy</c>.</summary>
    public const string KnownToCandidate = """
        (cy.DecidedBy = 'Candidate' OR EXISTS (SELECT 1 FROM CandidacyTransitions kt WHERE kt.CandidacyId = cy.Id
            AND kt.ToStage NOT IN ('Identified', 'Declined', 'Withdrawn', 'NotSelected'))
         OR EXISTS (SELECT 1 FROM CandidatePortalLinks kl WHERE kl.CandidateId = cy.CandidateId AND kl.CreatedAt >= cy.CreatedAt)
         OR EXISTS (SELECT 1 FROM Consents kc WHERE kc.CandidateId = cy.CandidateId AND kc.SearchId = cy.SearchId))
        """;

    public static PortalStatus StatusOf(Stage stage, DecidedBy? decidedBy, SearchStatus search) => stage switch
    {
        Stage.Placed => PortalStatus.Appointed,
        Stage.Declined => PortalStatus.YouDeclined,
        Stage.Withdrawn when decidedBy == DecidedBy.Candidate => PortalStatus.YouWithdrew,
        Stage.Withdrawn or Stage.NotSelected => PortalStatus.Closed,
        // A filled or cancelled search is over for everyone still in it, whatever their card says.
        _ when SearchStatusRules.IsClosed(search) => PortalStatus.Closed,
        Stage.Identified or Stage.Contacted or Stage.Interested => PortalStatus.InConversation,
        Stage.FirmInterview => PortalStatus.InterviewingWithTheFirm,
        Stage.Shortlisted => PortalStatus.UnderConsideration,
        Stage.PresentedToClient => PortalStatus.IntroducedToTheClient,
        Stage.ClientInterview => PortalStatus.InterviewingWithTheClient,
        Stage.Finalist => PortalStatus.Finalist,
        Stage.References => PortalStatus.References,
        Stage.Offer => PortalStatus.Offer,
        _ => PortalStatus.Closed,
    };

    public static string Words(PortalStatus status) => status switch
    {
        PortalStatus.InConversation => "We are in conversation with you about this role.",
        PortalStatus.InterviewingWithTheFirm => "You are interviewing with our team.",
        PortalStatus.UnderConsideration => "Our team is considering you for this role.",
        PortalStatus.IntroducedToTheClient => "We have introduced you to the hiring organization.",
        PortalStatus.InterviewingWithTheClient => "You are interviewing with the hiring organization.",
        PortalStatus.Finalist => "You are one of the finalists.",
        PortalStatus.References => "Your references are being taken.",
        PortalStatus.Offer => "An offer is being discussed with you.",
        PortalStatus.Appointed => "You have been appointed. Congratulations.",
        PortalStatus.YouDeclined => "You declined this opportunity.",
        PortalStatus.YouWithdrew => "You withdrew from this search.",
        _ => "This search is no longer going forward with you. Thank you for your time.",
    };

    /// <summary>What happens next, in plain words for the candidate; null once it is over.</summary>
    public static string? NextStep(PortalStatus status) => status switch
    {
        PortalStatus.InConversation => "The search team will be in touch to talk about the role and, if you are interested, arrange an interview.",
        PortalStatus.InterviewingWithTheFirm => "After your interview, the search team will tell you whether they will put you forward.",
        PortalStatus.UnderConsideration => "Before anyone outside the firm sees your details, the team needs your consent to present you to this client.",
        PortalStatus.IntroducedToTheClient => "The client's committee is reading your brief. The search team will tell you if they would like to meet you.",
        PortalStatus.InterviewingWithTheClient => "The search team will arrange each interview with you and share the client's feedback.",
        PortalStatus.Finalist => "The client is choosing between its finalists. The search team will keep you informed.",
        PortalStatus.References => "The search team will contact the references you agreed with them.",
        PortalStatus.Offer => "The search team will take you through the offer and any questions you have.",
        _ => null,
    };

    /// <summary>A candidate can step back while the search is still live for them; Placed is final.</summary>
    public static bool CanWithdraw(Stage stage, SearchStatus search) =>
        Stages.IsActive(stage) && stage != Stage.Placed && !SearchStatusRules.IsClosed(search);

    /// <summary>
    /// "Chief Medical Officer for a hospital or health system". The title is the firm's wording of
    /// the role; if it names the client anyway, even in part ("CMO, Lakeside" for Lakeside Health
    /// System), it is left out rather than trusted: any distinctive word of the client's name in it
    /// is enough. Words every healthcare title and name share do not count.
    /// </summary>
    public static string Description(string title, ClientKind kind, string clientName)
    {
        var organisation = kind switch
        {
            ClientKind.HospitalOrHealthSystem => "a hospital or health system",
            ClientKind.Payer => "a health plan",
            ClientKind.PharmaOrBiotech => "a pharmaceutical or biotechnology company",
            _ => "a healthcare organization",
        };
        var titleWords = Words(title).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var namesClient = (clientName.Length > 0 && title.Contains(clientName, StringComparison.OrdinalIgnoreCase))
            || Words(clientName).Any(w => !SharedWords.Contains(w) && titleWords.Contains(w));
        return namesClient || string.IsNullOrWhiteSpace(title) ? $"An executive role for {organisation}" : $"{title.Trim()} for {organisation}";
    }

    private static readonly HashSet<string> SharedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "of", "and", "for", "at", "inc", "llc", "ltd", "co", "corp",
        "health", "healthcare", "medical", "medicine", "hospital", "hospitals", "center", "centre", "system", "systems", "clinical", "care",
    };

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
