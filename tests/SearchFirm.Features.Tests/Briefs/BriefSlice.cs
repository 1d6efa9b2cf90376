using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Pipeline;
using SearchFirm.Domain.Searches;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Briefs;
using SearchFirm.Features.Candidacies;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Clients;
using SearchFirm.Features.Common;
using SearchFirm.Features.Searches;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Briefs;

/// <summary>
/// A hospital's confidential CMO search ("Project Cedar" for Mercy Health) with a partner, a
/// recruiter, an outsider, and a well-documented candidate: the world every brief test starts from.
/// </summary>
public abstract class BriefSlice(DatabaseProvider provider) : Slice(provider)
{
    public const string ClientName = "Mercy Health";
    public const string CodeName = "Project Cedar";

    protected Actor Partner { get; private set; } = null!;
    protected Actor Recruiter { get; private set; } = null!;
    protected Actor Outsider { get; private set; } = null!;
    protected Guid ClientId { get; private set; }
    protected Guid SearchId { get; private set; }

    [SetUp]
    public async Task OpenCedar()
    {
        var factory = Services.GetRequiredService<IConnectionFactory>();
        Partner = await Staff.AddAsync(factory, Role.Partner);
        Recruiter = await Staff.AddAsync(factory, Role.Recruiter);
        Outsider = await Staff.AddAsync(factory, Role.Recruiter);
        ClientId = (await SendAs(Partner, new CreateClient(ClientName, ClientKind.HospitalOrHealthSystem))).Id;
        SearchId = (await SendAs(Partner, new CreateSearch(ClientId, "Chief Medical Officer", CodeName))).Id;
        await SendAs(Partner, new ChangeSearchStatus(SearchId, SearchStatus.Open, 1));
        await SendAs(Partner, new AddTeamMember(SearchId, Recruiter.Id));
    }

    /// <summary>Adds the candidate to the search, with the team's notes; returns the candidacy and candidate ids.</summary>
    protected async Task<(Guid CandidacyId, Guid CandidateId)> AddCandidateAsync(CreateCandidate? candidate = null, bool notes = true)
    {
        var created = await SendAs(Recruiter, candidate ?? Amara());
        var candidacy = await SendAs(Recruiter, new AddCandidacy(SearchId, created.Id));
        if (notes)
        {
            await SendAs(Recruiter, new WriteBriefNotes
            {
                CandidacyId = candidacy.Id,
                Summary = "A hospitalist turned quality leader who took Lakeside's HCAHPS scores from the bottom quartile to the top in three years. "
                    + "Respected by the medical staff, fluent with the board's finance committee, and ready for the CMO seat in a system of Mercy's scale.\n\n"
                    + "Her gap is breadth: she has not yet owned payer contracting end to end, which the committee should test.",
                AreasToProbe = ["Depth of payer-contract negotiation beyond quality incentives", "How she would align independent cardiology groups", "Appetite for relocation within the year"],
                ReferencesSummary = "Three references taken (her CEO, a board chair and a former chief of staff) describe a calm operator who builds trust with physicians quickly; one notes she can be slow to delegate.",
            });
        }

        return (candidacy.Id, created.Id);
    }

    protected Task GiveConsentAsync(Guid candidateId, DateTimeOffset? withdrawnAt = null) => Db(c => c.ExecuteAsync(
        "INSERT INTO Consents (Id, CandidateId, Kind, SearchId, Source, GivenAt, WithdrawnAt) VALUES (@Id, @CandidateId, 'PresentToClient', @SearchId, 'e-mail', @Now, @WithdrawnAt)",
        new { Id = Ids.New(), CandidateId = candidateId, SearchId, Now = DateTimeOffset.UtcNow, WithdrawnAt = withdrawnAt }));

    /// <summary>Consents, then moves the candidacy to PresentedToClient.</summary>
    protected async Task PresentAsync(Guid candidacyId, Guid candidateId)
    {
        await GiveConsentAsync(candidateId);
        var state = await SendAs(Recruiter, new TransitionCandidacy { CandidacyId = candidacyId, To = Stage.Shortlisted, ExpectedVersion = 1 });
        await SendAs(Recruiter, new TransitionCandidacy { CandidacyId = candidacyId, To = Stage.PresentedToClient, ExpectedVersion = state.Version });
    }

    public static CreateCandidate Amara(string first = "Amara", string last = "Okafor", string? email = null) => new()
    {
        FirstName = first,
        LastName = last,
        Email = email ?? $"{first}.{last}@example.org".ToLowerInvariant(),
        Location = "Chicago, Illinois",
        CurrentTitle = "Chief Quality Officer",
        CurrentEmployer = "Lakeside Health",
        Education = [new EducationInput("MD", "Northwestern University Feinberg School of Medicine", 2004), new EducationInput("MBA", "Kellogg School of Management", 2015)],
        Credentials =
        [
            new CredentialInput(CredentialKind.MedicalLicence, "Illinois medical licence", "Illinois", new DateOnly(2030, 6, 30)),
            new CredentialInput(CredentialKind.BoardCertification, "Internal Medicine", "American Board of Internal Medicine", new DateOnly(2031, 12, 31)),
        ],
        Positions =
        [
            new PositionInput("Lakeside Health", "Hospitalist", RoleLevel.Clinician, new DateOnly(2007, 7, 1), new DateOnly(2019, 6, 30), true),
            new PositionInput("Lakeside Health", "Medical Director, Hospital Medicine", RoleLevel.MedicalDirector, new DateOnly(2013, 1, 1), new DateOnly(2016, 12, 31), false),
            new PositionInput("Lakeside Health", "Vice President, Medical Affairs", RoleLevel.VicePresidentMedicalAffairs, new DateOnly(2017, 1, 1), new DateOnly(2020, 6, 30), false),
            new PositionInput("Lakeside Health", "Chief Quality Officer", RoleLevel.ChiefQualityOfficer, new DateOnly(2020, 7, 1), null, false),
        ],
        Committees =
        [
            new CommitteeInput("Quality Improvement Committee", "chair", "quality improvement"),
            new CommitteeInput("Patient Safety and Root-Cause Analysis Panel", "member", "patient safety"),
        ],
        Competencies =
        [
            new CompetencyInput("quality-safety", "Quality and patient safety", 5, "Led the HCAHPS turnaround; CMS core measures to the top decile"),
            new CompetencyInput("medical-staff-alignment", "Medical-staff alignment", 4, "Brought three independent groups into the quality programme"),
            new CompetencyInput("pl-literacy", "P&L literacy", 4, "Owns a $40M quality and safety budget"),
            new CompetencyInput("payment-models", "Payment models", 3, "Value-based purchasing incentives; no capitation contracts yet"),
            new CompetencyInput("strategic-planning", "Strategic planning", 4, "Co-wrote the system's five-year clinical strategy"),
            new CompetencyInput("change-management", "Change management", 4, "Standardised sepsis care across four hospitals"),
        ],
        Compensation = new CompensationInput(520_000m, 80_000m, 610_000m, "USD", "Retention bonus vests in June.", Shareable: false),
    };
}
