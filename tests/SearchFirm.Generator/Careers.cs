using Bogus;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Clients;
using SearchFirm.Features.Candidates;

namespace SearchFirm.Generator;

/// <summary>
/// CMO-track careers after the seed documents: an MD or DO, a decade or more of practice, early
/// committee work, then some climb Medical Director → department chair → VP Medical Affairs →
/// Chief Quality Officer → CMO, many with an MBA, MHA or MMM and a few with the CPE.
/// </summary>
internal static class Careers
{
    private static readonly string[] Specialties = ["Internal Medicine", "Emergency Medicine", "Family Medicine", "Cardiology", "Anesthesiology", "Pediatrics", "General Surgery", "Hospital Medicine", "Pulmonology", "Oncology"];
    private static readonly string[] States = ["IL", "NY", "CA", "TX", "MA", "OH", "PA", "MN", "WA", "GA", "NC", "FL"];
    private static readonly string[] Schools = ["Johns Hopkins", "Northwestern", "Michigan", "UCSF", "Penn", "Duke", "Emory", "Baylor", "Mayo Clinic Alix", "Washington University"];
    private static readonly (string Name, string Focus)[] CommitteeKinds =
    [
        ("Quality Improvement Committee", "quality"), ("Patient Safety and Root Cause Analysis Committee", "patient safety"),
        ("Utilization Review Committee", "utilisation review"), ("Credentials Committee", "medical staff"), ("Pharmacy and Therapeutics Committee", "formulary"),
    ];

    public static CreateCandidate Candidate(Faker faker, Random random, DateOnly today, IReadOnlyList<(Guid Id, string Name, ClientKind Kind)> clients, int index, HashSet<string> emails)
    {
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var graduated = random.Next(1982, 2014);
        var practiceFrom = new DateOnly(graduated + random.Next(3, 5), 7, 1);
        var positions = new List<PositionInput>();
        var employers = Enumerable.Range(0, 3).Select(_ => random.Next(10) == 0 ? clients[random.Next(clients.Count)].Name : FirmGenerator.OrganisationName(faker, ClientKind.HospitalOrHealthSystem)).ToArray();
        var specialty = faker.PickRandom(Specialties);

        // Clinical years, then the ladder: each rung is reached by fewer, after a few years on the one below.
        var cursor = practiceFrom.AddYears(random.Next(6, 16));
        var ladder = new List<(RoleLevel Level, string Title, double Chance)>
        {
            (RoleLevel.MedicalDirector, $"Medical Director, {specialty}", 0.7),
            (RoleLevel.DepartmentChair, $"Chair, Department of {specialty}", 0.35),
            (RoleLevel.VicePresidentMedicalAffairs, "Vice President, Medical Affairs", 0.55),
            (RoleLevel.ChiefQualityOfficer, "Chief Quality Officer", 0.45),
            (RoleLevel.ChiefMedicalOfficer, "Chief Medical Officer", 0.35),
        };
        var clinicalTo = cursor > today ? (DateOnly?)null : cursor.AddDays(-1);
        positions.Add(new PositionInput(employers[0], specialty == "Hospital Medicine" ? "Hospitalist" : $"Attending physician, {specialty}", RoleLevel.Clinician, practiceFrom, clinicalTo, true));
        var employer = 0;
        foreach (var (level, title, chance) in ladder)
        {
            if (cursor >= today || random.NextDouble() > chance) break;
            var until = cursor.AddYears(random.Next(2, 7));
            if (random.Next(3) == 0) employer = Math.Min(employer + 1, employers.Length - 1);
            positions.Add(new PositionInput(employers[employer], title, level, cursor, until >= today ? null : until.AddDays(-1), level == RoleLevel.MedicalDirector && random.Next(2) == 0));
            cursor = until;
        }

        var current = positions[^1];
        var education = new List<EducationInput> { new(random.Next(7) == 0 ? "DO" : "MD", faker.PickRandom(Schools), graduated) };
        if (random.NextDouble() < 0.45)
            education.Add(new EducationInput(faker.PickRandom("MBA", "MBA", "MBA", "MHA", "MMM"), faker.PickRandom(Schools), Math.Min(today.Year, graduated + random.Next(8, 20))));
        var credentials = new List<CredentialInput>
        {
            new(CredentialKind.MedicalLicence, $"{faker.PickRandom(States)} medical licence", faker.PickRandom(States), today.AddDays(random.Next(-200, 1500))),
            new(CredentialKind.BoardCertification, specialty, $"American Board of {specialty}", null),
        };
        if (random.NextDouble() < 0.15)
            credentials.Add(new CredentialInput(CredentialKind.CertifiedPhysicianExecutive, "Certified Physician Executive", "American Association for Physician Leadership", null));
        var committees = CommitteeKinds.Where(_ => random.NextDouble() < 0.35)
            .Select(c => new CommitteeInput(c.Name, random.Next(4) == 0 ? "chair" : "member", c.Focus)).ToList();
        var seniority = positions.Count;
        var competencies = CompetencyKeys.Executive.Concat(CompetencyKeys.ForSetting(ClientKind.HospitalOrHealthSystem)).Concat(CompetencyKeys.ForSetting(ClientKind.Payer))
            .Where(_ => random.NextDouble() < 0.5)
            .Select(k => new CompetencyInput(k, CompetencyKeys.Name(k), Math.Clamp(random.Next(1, 4) + seniority / 2, 1, 5), null)).ToList();

        string email;
        do { email = $"{first}.{last}{(emails.Count == 0 ? "" : random.Next(1, 10_000).ToString(System.Globalization.CultureInfo.InvariantCulture))}@{faker.Internet.DomainName()}".ToLowerInvariant(); }
        while (!emails.Add(email));

        var employerClient = clients.FirstOrDefault(c => c.Name == current.Organisation);
        return new CreateCandidate
        {
            FirstName = first,
            LastName = last,
            Email = email,
            Phone = faker.Phone.PhoneNumber("###-###-####"),
            Location = $"{faker.Address.City()}, {faker.PickRandom(States)}",
            CurrentTitle = current.Title,
            CurrentEmployer = current.Organisation,
            CurrentEmployerClientId = employerClient.Id == Guid.Empty ? null : employerClient.Id,
            Summary = $"{specialty} physician executive, {index % 7 + 1} direct reports programmes in quality and patient safety.",
            Education = education,
            Credentials = credentials,
            Positions = positions,
            Committees = committees,
            Competencies = competencies,
            Compensation = random.Next(2) == 0 ? null : new CompensationInput(random.Next(300, 900) * 1000m, random.Next(0, 200) * 1000m, random.Next(350, 1000) * 1000m, "USD", null),
        };
    }
}
