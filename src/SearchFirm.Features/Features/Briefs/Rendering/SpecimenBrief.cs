using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Domain.Scorecards;
using SearchFirm.Domain.Searches;
using SearchFirm.Features.Briefs;

namespace SearchFirm.Features.Briefs.Rendering;

/// <summary>
/// Briefs of a fictional candidate, as a real search produces them (a 4-page candidate brief; a
/// book of ten), built in memory: what the printer warms an idle browser with, and what the
/// benchmarks render. Nobody's data.
/// </summary>
internal static class SpecimenBrief
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    public static BriefModel Candidate() => Model(BriefKind.Candidate, 1);

    public static BriefModel Book(int candidates) => Model(BriefKind.ShortlistBook, candidates);

    private static BriefModel Model(BriefKind kind, int count)
    {
        var specification = DefaultSpecification.For(ClientKind.HospitalOrHealthSystem);
        return new BriefModel
        {
            Kind = kind,
            Audience = BriefAudience.Committee,
            FirmName = "SearchFirm",
            CodeName = "Project Cedar",
            RoleTitle = "Chief Medical Officer",
            PreparedFor = "the Search Committee",
            PreparedOn = Today,
            Specification = [.. specification.Select(c => new SpecificationLine(c.Key, c.Label, c.Weight, c.Required))],
            Candidates = [.. Enumerable.Range(0, count).Select(i => Section(i, specification))],
        };
    }

    private static readonly string[] Names =
        ["Amara Okafor", "Ben Alvarez", "Chen Li", "Dana Whitfield", "Elias Moreau", "Farah Haddad", "Grace Kim", "Henry Osei", "Isabel Duarte", "James Whitaker"];

    private static CandidateSection Section(int i, IReadOnlyList<Criterion> specification)
    {
        var start = 2005 + i % 4;
        var positions = new List<Position>
        {
            new("Lakeside Health", "Hospitalist", RoleLevel.Clinician, new DateOnly(start, 7, 1), new DateOnly(start + 12, 6, 30), true),
            new("Lakeside Health", "Medical Director, Hospital Medicine", RoleLevel.MedicalDirector, new DateOnly(start + 6, 1, 1), new DateOnly(start + 10, 12, 31), false),
            new("Lakeside Health", "Vice President, Medical Affairs", RoleLevel.VicePresidentMedicalAffairs, new DateOnly(start + 11, 1, 1), new DateOnly(start + 14, 6, 30), false),
            new("Riverside Health System", "Chief Quality Officer", RoleLevel.ChiefQualityOfficer, new DateOnly(start + 14, 7, 1), null, false),
        };
        var competencies = new List<Competency>
        {
            new("quality-safety", "Quality and patient safety", 5, "Led the HCAHPS turnaround; CMS core measures to the top decile"),
            new("medical-staff-alignment", "Medical-staff alignment", 4, "Brought three independent groups into the quality programme"),
            new("pl-literacy", "P&L literacy", 4, "Owns a $40M quality and safety budget"),
            new("payment-models", "Payment models", 3 + i % 2, "Value-based purchasing incentives; no capitation contracts yet"),
            new("strategic-planning", "Strategic planning", 4, "Co-wrote the system's five-year clinical strategy"),
            new("change-management", "Change management", 4, "Standardised sepsis care across four hospitals"),
        };
        var profile = new CandidateProfile(
            [new Education("MD", "Northwestern University Feinberg School of Medicine", 2004), new Education("MBA", "Kellogg School of Management", 2015)],
            [new Credential(CredentialKind.MedicalLicence, "Illinois medical licence", "Illinois", new DateOnly(2030, 6, 30)),
             new Credential(CredentialKind.BoardCertification, "Internal Medicine", "American Board of Internal Medicine", new DateOnly(2031, 12, 31))],
            positions,
            [new Committee("Quality Improvement Committee", "chair", "quality improvement"), new Committee("Patient Safety and Root-Cause Analysis Panel", "member", "patient safety")],
            competencies, null, i);
        var scorecard = Scorecard.Score(profile, specification, ClientKind.HospitalOrHealthSystem, Today);
        return new CandidateSection
        {
            CandidacyId = Guid.CreateVersion7(),
            Name = Names[i % Names.Length],
            PostNominals = "MD, MBA",
            CurrentTitle = "Chief Quality Officer",
            CurrentEmployer = "Riverside Health System",
            Location = "Chicago, Illinois",
            Stage = "PresentedToClient",
            RecruiterSummary = "A hospitalist turned quality leader who took Lakeside's HCAHPS scores from the bottom quartile to the top in three years. "
                + "Respected by the medical staff, fluent with the board's finance committee, and ready for the CMO seat.\n\n"
                + "Her gap is breadth: she has not yet owned payer contracting end to end, which the committee should test.",
            AreasToProbe = ["Depth of payer-contract negotiation beyond quality incentives", "How she would align independent cardiology groups", "Appetite for relocation within the year"],
            ReferencesSummary = "Three references taken describe a calm operator who builds trust with physicians quickly; one notes she can be slow to delegate.",
            ClinicalYears = CandidateProfile.YearsOfClinicalPractice(profile, Today),
            HighestLevel = "Chief Quality Officer",
            Education = [.. profile.Education.Select(e => new EducationLine(e.Degree, e.Institution, e.Year))],
            Credentials = [.. profile.Credentials.Select(c => new CredentialLine(c.Kind.ToString(), c.Name, c.Issuer, c.ExpiresOn, true))],
            Positions = [.. positions.OrderByDescending(p => p.From).Select(p => new PositionLine(p.Organisation, p.Title, RoleLevels.Name(p.Level), p.From, p.To, p.IsClinical))],
            Committees = [.. profile.Committees.Select(c => new CommitteeLine(c.Name, c.Role, c.Focus))],
            Ladder =
            [
                new LadderStep("Medical Director", true, "Medical Director, Hospital Medicine", "Lakeside Health", start + 6),
                new LadderStep("VP Medical Affairs", true, "Vice President, Medical Affairs", "Lakeside Health", start + 11),
                new LadderStep("Chief Quality Officer", true, "Chief Quality Officer", "Riverside Health System", start + 14),
                new LadderStep("Chief Medical Officer", false, null, null, null),
            ],
            Competencies = [.. competencies.Select(c => new CompetencyLine(c.Name, c.Assessment, c.Evidence))],
            Scorecard = scorecard,
            Consented = true,
            ConsentStatus = "Consented on 12 November 2026 to be presented to the client of Project Cedar.",
        };
    }
}
