using Microsoft.Extensions.DependencyInjection;
using SearchFirm.Data;
using SearchFirm.Domain.Candidates;
using SearchFirm.Domain.Users;
using SearchFirm.Features.Candidates;
using SearchFirm.Features.Tests.Infrastructure;

namespace SearchFirm.Features.Tests.Candidates;

/// <summary>
/// Keyword search with filters does bounded work: the filters sit in the query that ranks, and a keyword
/// matching more than the rank limit is filtered over that many matches only, and says so.
/// The limit is 5 here so that a handful of candidates shows what 5,000 do in a firm.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.SqlServer)]
public sealed class FilteredSearchTests(DatabaseProvider provider) : Slice(provider)
{
    private const int RankLimit = 5;

    private Actor recruiter = null!;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<CandidateSearchOptions>(o => o.RankLimit = RankLimit);

    [SetUp]
    public async Task AddStaff() => recruiter = await Staff.AddAsync(Services.GetRequiredService<IConnectionFactory>(), Role.Recruiter);

    /// <summary>A candidate whose profile says "quality" <paramref name="mentions"/> times; an MD or a DO.</summary>
    private async Task<Guid> CandidateAsync(string lastName, bool md, int mentions = 1) => (await SendAs(recruiter, new CreateCandidate
    {
        FirstName = "Dr",
        LastName = lastName,
        CurrentTitle = string.Join(' ', Enumerable.Repeat("quality", mentions)) + " lead",
        Education = [new EducationInput(md ? "MD" : "DO", null, 2004)],
    })).Id;

    [Test]
    public async Task Filters_apply_before_ranking_and_the_total_counts_only_who_passes()
    {
        var weak = await CandidateAsync("Adams", md: true, mentions: 1);
        await CandidateAsync("Baker", md: false, mentions: 3);
        var strong = await CandidateAsync("Clark", md: true, mentions: 3);

        var page = await SendAs(recruiter, new SearchCandidates(Q: "quality", Credential: "MD"));

        Assert.That(page.Items.Select(i => i.Id), Is.EqualTo(new[] { strong, weak }), "by relevance, the DO left out");
        Assert.That((page.Total, page.Ranked, page.Truncated), Is.EqualTo((2, true, false)));
    }

    [Test]
    public async Task A_keyword_matching_more_than_the_rank_limit_is_filtered_over_that_many_matches_and_says_so()
    {
        // Eight matches, MDs among the oldest and the newest.
        var mds = new List<Guid>();
        for (var i = 1; i <= 8; i++)
        {
            var id = await CandidateAsync($"Candidate{i}", md: i is 1 or 2 or 6 or 8);
            if (i is 1 or 2 or 6 or 8) mds.Add(id);
        }

        var page = await SendAs(recruiter, new SearchCandidates(Q: "quality", Credential: "MD"));

        Assert.That(page.Truncated, Is.True);
        Assert.That(page.Items.Select(i => i.Id), Is.SubsetOf(mds));
        Assert.That(page.Total, Is.EqualTo(page.Items.Count).And.LessThanOrEqualTo(RankLimit));
        if (Provider == DatabaseProvider.Sqlite)
        {
            // The newest five matches (4 to 8) are filtered, newest first, unranked.
            Assert.That(page.Items.Select(i => i.Id), Is.EqualTo(new[] { mds[3], mds[2] }));
            Assert.That(page.Ranked, Is.False);
        }
        else
        {
            Assert.That(page.Ranked, Is.True, "SQL Server ranks the most relevant five in its full-text engine");
        }
    }

    [Test]
    public async Task Every_filter_still_narrows_a_keyword_search()
    {
        await CandidateAsync("Adams", md: true);
        var other = await CandidateAsync("Baker", md: false);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await SendAs(recruiter, new SearchCandidates(Q: "quality", Credential: "DO"))).Items.Select(i => i.Id), Is.EqualTo(new[] { other }));
            Assert.That((await SendAs(recruiter, new SearchCandidates(Q: "quality", MinClinicalYears: 1))).Total, Is.Zero, "no clinical positions");
            Assert.That((await SendAs(recruiter, new SearchCandidates(Q: "quality", RoleLevel: RoleLevel.ChiefMedicalOfficer))).Total, Is.Zero);
            Assert.That((await SendAs(recruiter, new SearchCandidates(Q: "quality", Employer: "Nowhere Health"))).Total, Is.Zero);
            Assert.That((await SendAs(recruiter, new SearchCandidates(Q: "okafor", Credential: "MD"))).Total, Is.Zero, "no match at all");
        });
    }
}
