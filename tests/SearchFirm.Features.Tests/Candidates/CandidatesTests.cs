using Dapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Common;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Candidates;

[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class CandidatesTests(DatabaseProvider provider) : Slice(provider)
{
    private Actor recruiter = null!;

    [SetUp]
    public async Task AddStaff() => recruiter = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Recruiter);

    internal static CreateCandidate Amara(string email = "amara.okafor@example.org") => new()
    {
        FirstName = "Amara",
        LastName = "Okafor",
        Email = email,
        CurrentTitle = "Chief Quality Officer",
        CurrentEmployer = "Lakeside Health",
        Education = [new EducationInput("MD", "Northwestern", 2004), new EducationInput("MBA", "Kellogg", 2015)],
        Credentials = [new CredentialInput(CredentialKind.MedicalLicence, "Illinois medical licence", "IL", new DateOnly(2030, 6, 30))],
        Positions =
        [
            new PositionInput("Lakeside Health", "Hospitalist", RoleLevel.Clinician, new DateOnly(2008, 7, 1), new DateOnly(2020, 6, 30), true),
            new PositionInput("Lakeside Health", "Chief Quality Officer", RoleLevel.ChiefQualityOfficer, new DateOnly(2020, 7, 1), null, false),
        ],
        Committees = [new CommitteeInput("Quality Improvement Committee", "chair", "quality")],
        Competencies = [new CompetencyInput("quality-safety", "Quality and safety", 5, "Led the HCAHPS turnaround")],
        Compensation = new CompensationInput(520_000m, 80_000m, 610_000m, "USD", null),
    };

    [Test]
    public async Task A_candidate_is_stored_with_the_whole_profile_and_derived_facts()
    {
        var created = await SendAs(recruiter, Amara());

        var candidate = await SendAs(recruiter, new GetCandidate(created.Id));

        Assert.Multiple(() =>
        {
            Assert.That(candidate.LastName, Is.EqualTo("Okafor"));
            Assert.That(candidate.Version, Is.EqualTo(1));
            Assert.That(candidate.ClinicalYears, Is.EqualTo(12), "2008-07-01 to 2020-06-30 in clinical practice");
            Assert.That(candidate.HighestRoleLevel, Is.EqualTo(RoleLevel.ChiefQualityOfficer));
            Assert.That(candidate.Education.Select(e => e.Degree), Is.EqualTo(new[] { "MD", "MBA" }));
            Assert.That(candidate.Compensation!.ExpectedBase, Is.EqualTo(610_000m));
            Assert.That(candidate.Positions[1].To, Is.Null);
        });
    }

    [Test]
    public async Task A_second_candidate_with_the_same_email_in_another_case_is_a_conflict_pointing_at_the_first()
    {
        var first = await SendAs(recruiter, Amara());

        var conflict = Assert.ThrowsAsync<ConflictException>(() => SendAs(recruiter, Amara("AMARA.Okafor@Example.org")));

        Assert.That(conflict!.Details["existingCandidateId"], Is.EqualTo(first.Id));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Candidates")), Is.EqualTo(1));
    }

    [Test]
    public async Task An_update_with_a_stale_version_is_refused_and_the_profile_stays()
    {
        var id = (await SendAs(recruiter, Amara())).Id;
        await SendAs(recruiter, new UpdateCandidate { CandidateId = id, ExpectedVersion = 1, FirstName = "Amara", LastName = "Okafor-Reid" });

        var conflict = Assert.ThrowsAsync<ConflictException>(() =>
            SendAs(recruiter, new UpdateCandidate { CandidateId = id, ExpectedVersion = 1, FirstName = "Amara", LastName = "Lost" }));

        Assert.That(conflict!.Code, Is.EqualTo("version-conflict"));
        var candidate = await SendAs(recruiter, new GetCandidate(id));
        Assert.That((candidate.LastName, candidate.Version), Is.EqualTo(("Okafor-Reid", 2)));
    }

    [Test]
    public async Task Keyword_search_finds_by_words_in_the_profile_and_filters_narrow_it()
    {
        var amara = (await SendAs(recruiter, Amara())).Id;
        await SendAs(recruiter, new CreateCandidate
        {
            FirstName = "Ben", LastName = "Alvarez", Email = "ben@example.org", CurrentTitle = "Medical Director, Cardiology",
            Education = [new EducationInput("DO", null, 2010)],
            Positions = [new PositionInput("Valley Medical", "Cardiologist", RoleLevel.MedicalDirector, new DateOnly(2010, 1, 1), null, true)],
        });

        var byWord = await SendAs(recruiter, new SearchCandidates(Q: "quality lakes"));
        var byCredential = await SendAs(recruiter, new SearchCandidates(Credential: "mba"));
        var byLevel = await SendAs(recruiter, new SearchCandidates(RoleLevel: RoleLevel.MedicalDirector));
        var byYears = await SendAs(recruiter, new SearchCandidates(MinClinicalYears: 13));
        var nothing = await SendAs(recruiter, new SearchCandidates(Q: "quality", Employer: "Valley Medical"));
        var byEmail = await SendAs(recruiter, new SearchCandidates(Q: "ben@example.org"));

        Assert.Multiple(() =>
        {
            Assert.That(byWord.Items.Select(i => i.Id), Is.EqualTo(new[] { amara }));
            Assert.That(byEmail.Items.Select(i => i.LastName), Is.EqualTo(new[] { "Alvarez" }), "by the address the recruiter has");
            Assert.That(byCredential.Items.Select(i => i.Id), Is.EqualTo(new[] { amara }));
            Assert.That(byLevel.Items.Select(i => i.LastName), Is.EqualTo(new[] { "Alvarez" }));
            Assert.That(byYears.Items.Select(i => i.LastName), Is.EqualTo(new[] { "Alvarez" }), "in practice since 2010; Amara has 12 years");
            Assert.That(nothing.Total, Is.Zero);
        });
    }

    [Test]
    public async Task Search_syntax_in_the_keywords_is_treated_as_words()
    {
        await SendAs(recruiter, Amara());

        var result = await SendAs(recruiter, new SearchCandidates(Q: "\"okaf\"*)( -:^"));

        Assert.That(result.Items.Select(i => i.LastName), Is.EqualTo(new[] { "Okafor" }));
    }

    [Test]
    public async Task Paging_reports_the_total_and_the_page()
    {
        for (var i = 0; i < 5; i++)
            await SendAs(recruiter, new CreateCandidate { FirstName = "Pat", LastName = $"Doe{i}", Email = $"pat{i}@example.org" });

        var page = await SendAs(recruiter, new SearchCandidates(Page: 2, PageSize: 2));

        Assert.That((page.Total, page.Items.Count, page.Items[0].LastName), Is.EqualTo((5, 2, "Doe2")));
    }

    [Test]
    public async Task A_profile_with_bad_parts_is_refused_whole_naming_each_field()
    {
        var bad = Amara() with
        {
            LastName = "",
            Competencies = [new CompetencyInput("Quality Safety", null, 9, null)],
            Positions = [new PositionInput("X", "Y", RoleLevel.Clinician, new DateOnly(2020, 1, 1), new DateOnly(2019, 1, 1), true)],
        };

        var invalid = Assert.ThrowsAsync<ValidationException>(() => SendAs(recruiter, bad));

        Assert.That(invalid!.Errors.Select(e => e.PropertyName), Is.SupersetOf(new[] { "lastName", "competencies[0].key", "competencies[0].assessment", "positions[0].to" }));
        Assert.That(await Db(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Candidates")), Is.Zero);
    }

    [Test]
    public async Task Reading_a_profile_is_an_audit_event()
    {
        var id = (await SendAs(recruiter, Amara())).Id;

        await SendAs(recruiter, new GetCandidate(id));

        var actions = await Db(c => c.QueryAsync<string>("SELECT Action FROM AuditEvents WHERE EntityId = @id ORDER BY OccurredAt", new { id }));
        Assert.That(actions, Is.EqualTo(new[] { "CreateCandidate", "ReadCandidate" }));
    }
}
