using SearchFirm.Domain.OffLimits;
using SearchFirm.Domain.Searches;

namespace SearchFirm.Domain.Tests.OffLimits;

public sealed class ConflictRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // Mercy Health owns Mercy Hospital and Mercy Clinic West; St Luke's retains us for Project Oak.
    private static readonly ClientFact MercyHealth = new(Guid.NewGuid(), "Mercy Health", null);
    private static readonly ClientFact MercyHospital = new(Guid.NewGuid(), "Mercy Hospital", MercyHealth.Id);
    private static readonly ClientFact MercyClinicWest = new(Guid.NewGuid(), "Mercy Clinic West", MercyHealth.Id);
    private static readonly ClientFact MercyCardiology = new(Guid.NewGuid(), "Mercy Heart Institute", MercyHospital.Id);
    private static readonly ClientFact StLukes = new(Guid.NewGuid(), "St Luke's", null);

    private static readonly SearchFact Oak = new(Guid.NewGuid(), StLukes.Id, SearchStatus.Open, null, "Project Oak");

    private static SearchFact Search(ClientFact client, string codeName, SearchStatus status = SearchStatus.Open, DateTimeOffset? closedAt = null) =>
        new(Guid.NewGuid(), client.Id, status, closedAt, codeName);

    private static EmploymentFact WorksAt(ClientFact client) => new(client.Id, client.Name);

    private static ConflictFacts Facts(
        SearchFact? target = null,
        EmploymentFact[]? employers = null,
        SearchFact[]? searches = null,
        PlacementFact[]? placements = null,
        PresentationFact[]? presentations = null,
        ManualRule[]? rules = null)
    {
        target ??= Oak;
        return new ConflictFacts(
            CandidateId: Guid.NewGuid(),
            TargetSearchId: target.Id,
            TargetClientId: target.ClientId,
            CurrentEmployers: employers ?? [],
            Clients: [MercyHealth, MercyHospital, MercyClinicWest, MercyCardiology, StLukes],
            Searches: [target, .. searches ?? []],
            Placements: placements ?? [],
            ActivePresentations: presentations ?? [],
            ManualRules: rules ?? [],
            ProtectionAfterClose: ConflictFacts.DefaultProtectionAfterClose,
            GuaranteePeriod: ConflictFacts.DefaultGuaranteePeriod);
    }

    private static ConflictReason OnlyReason(ConflictFacts facts)
    {
        var check = ConflictRules.Check(facts, Now);
        Assert.That(check.Clean, Is.False);
        Assert.That(check.Reasons, Has.Count.EqualTo(1));
        return check.Reasons[0];
    }

    private static void AssertClean(ConflictFacts facts)
    {
        var check = ConflictRules.Check(facts, Now);
        Assert.Multiple(() =>
        {
            Assert.That(check.Clean, Is.True);
            Assert.That(check.Reasons, Is.Empty);
        });
    }

    [Test]
    public void A_candidate_with_no_tie_to_a_client_is_clean()
    {
        AssertClean(Facts(searches: [Search(MercyHealth, "Project Cedar")]));
    }

    [Test]
    public void An_employee_of_a_client_with_an_open_search_is_off_limits()
    {
        var cedar = Search(MercyHealth, "Project Cedar");

        var reason = OnlyReason(Facts(employers: [WorksAt(MercyHealth)], searches: [cedar]));

        Assert.Multiple(() =>
        {
            Assert.That(reason.Code, Is.EqualTo(ConflictCodes.ClientEmployee));
            Assert.That(reason.Explanation, Is.EqualTo("Works for Mercy Health, which has an open search (Project Cedar)"));
            Assert.That(reason.ClientId, Is.EqualTo(MercyHealth.Id));
            Assert.That(reason.SearchId, Is.EqualTo(cedar.Id));
        });
    }

    [Test]
    public void A_search_the_reader_is_not_on_protects_without_being_named_or_described()
    {
        var cedar = Search(MercyHealth, "Project Cedar") with { CodeName = null };

        var reason = OnlyReason(Facts(employers: [WorksAt(MercyHealth)], searches: [cedar]));

        Assert.Multiple(() =>
        {
            Assert.That(reason.Code, Is.EqualTo(ConflictCodes.ClientEmployee));
            Assert.That(reason.Explanation, Is.EqualTo("Works for Mercy Health, which is protected by the firm's off-limits rule"));
        });
    }

    [Test]
    public void A_hospital_inherits_its_health_systems_protection_without_the_client_being_named()
    {
        var reason = OnlyReason(Facts(employers: [WorksAt(MercyHospital)], searches: [Search(MercyHealth, "Project Cedar")]));

        Assert.Multiple(() =>
        {
            Assert.That(reason.Explanation, Is.EqualTo("Works for Mercy Hospital, a subsidiary of an organisation that has an open search (Project Cedar)"));
            Assert.That(reason.ClientId, Is.EqualTo(MercyHealth.Id));
        });
    }

    [Test]
    public void Protection_reaches_down_the_whole_chain()
    {
        var reason = OnlyReason(Facts(employers: [WorksAt(MercyCardiology)], searches: [Search(MercyHealth, "Project Cedar")]));

        Assert.That(reason.Explanation, Does.StartWith("Works for Mercy Heart Institute, a subsidiary of"));
    }

    [Test]
    public void The_health_systems_staff_are_protected_by_its_hospitals_search()
    {
        var reason = OnlyReason(Facts(employers: [WorksAt(MercyHealth)], searches: [Search(MercyHospital, "Project Birch")]));

        Assert.That(reason.Explanation, Is.EqualTo("Works for Mercy Health, the parent of an organisation that has an open search (Project Birch)"));
    }

    [Test]
    public void A_sister_hospital_is_not_protected_by_its_siblings_search()
    {
        AssertClean(Facts(employers: [WorksAt(MercyClinicWest)], searches: [Search(MercyHospital, "Project Birch")]));
    }

    [Test]
    public void A_search_on_hold_still_protects_its_client()
    {
        var reason = OnlyReason(Facts(employers: [WorksAt(MercyHealth)], searches: [Search(MercyHealth, "Project Cedar", SearchStatus.OnHold)]));

        Assert.That(reason.Explanation, Is.EqualTo("Works for Mercy Health, which has a search on hold (Project Cedar)"));
    }

    [Test]
    public void A_draft_search_does_not_protect_its_client_yet()
    {
        AssertClean(Facts(employers: [WorksAt(MercyHealth)], searches: [Search(MercyHealth, "Project Cedar", SearchStatus.Draft)]));
    }

    [TestCase(SearchStatus.Filled)]
    [TestCase(SearchStatus.Cancelled)]
    public void A_search_closed_within_the_protection_period_still_protects_its_client(SearchStatus status)
    {
        var closed = Search(MercyHealth, "Project Cedar", status, closedAt: new DateTimeOffset(2025, 1, 15, 10, 0, 0, TimeSpan.Zero));

        var reason = OnlyReason(Facts(employers: [WorksAt(MercyHealth)], searches: [closed]));

        Assert.That(reason.Explanation, Is.EqualTo("Works for Mercy Health, which has a search closed on 2025-01-15, protected until 2026-01-15 (Project Cedar)"));
    }

    [Test]
    public void A_search_closed_longer_ago_than_the_protection_period_no_longer_protects()
    {
        var closed = Search(MercyHealth, "Project Cedar", SearchStatus.Filled, closedAt: Now.AddDays(-366));

        AssertClean(Facts(employers: [WorksAt(MercyHealth)], searches: [closed]));
    }

    [Test]
    public void The_protection_period_is_the_callers_setting()
    {
        var closed = Search(MercyHealth, "Project Cedar", SearchStatus.Filled, closedAt: Now.AddDays(-100));

        var check = ConflictRules.Check(Facts(employers: [WorksAt(MercyHealth)], searches: [closed]) with { ProtectionAfterClose = TimeSpan.FromDays(90) }, Now);

        Assert.That(check.Clean, Is.True);
    }

    [Test]
    public void A_closed_search_without_a_closing_date_is_treated_as_still_protecting()
    {
        var reason = OnlyReason(Facts(employers: [WorksAt(MercyHealth)], searches: [Search(MercyHealth, "Project Cedar", SearchStatus.Filled)]));

        Assert.That(reason.Explanation, Does.Contain("a closed search with no closing date recorded"));
    }

    [Test]
    public void Recruiting_a_clients_employee_for_that_clients_own_search_is_an_internal_move()
    {
        var cedar = Search(MercyHealth, "Project Cedar");

        AssertClean(Facts(target: cedar, employers: [WorksAt(MercyHealth)], searches: [Search(MercyHealth, "Project Pine")]));
    }

    [Test]
    public void Moving_up_or_down_the_same_chain_is_an_internal_move()
    {
        var cedar = Search(MercyHealth, "Project Cedar");
        var birch = Search(MercyHospital, "Project Birch");

        Assert.Multiple(() =>
        {
            AssertClean(Facts(target: cedar, employers: [WorksAt(MercyHospital)], searches: [birch]));
            AssertClean(Facts(target: birch, employers: [WorksAt(MercyHealth)], searches: [cedar]));
        });
    }

    [Test]
    public void Moving_sideways_to_a_sister_hospital_is_not_an_internal_move()
    {
        var west = Search(MercyClinicWest, "Project Willow");

        var reason = OnlyReason(Facts(target: west, employers: [WorksAt(MercyHospital)], searches: [Search(MercyHospital, "Project Birch")]));

        Assert.That(reason.Explanation, Is.EqualTo("Works for Mercy Hospital, which has an open search (Project Birch)"));
    }

    [Test]
    public void A_placed_candidate_is_off_limits_during_the_guarantee_period()
    {
        var elm = Search(MercyHospital, "Project Elm", SearchStatus.Filled, closedAt: new DateTimeOffset(2025, 1, 10, 0, 0, 0, TimeSpan.Zero));
        var placed = new PlacementFact(elm.Id, MercyHospital.Id, new DateTimeOffset(2025, 1, 10, 0, 0, 0, TimeSpan.Zero));

        var reason = OnlyReason(Facts(searches: [elm], placements: [placed]));

        Assert.Multiple(() =>
        {
            Assert.That(reason.Code, Is.EqualTo(ConflictCodes.PlacementGuarantee));
            Assert.That(reason.Explanation, Is.EqualTo("Placed by the firm in Project Elm on 2025-01-10; the guarantee runs until 2026-01-10"));
            Assert.That(reason.SearchId, Is.EqualTo(elm.Id));
        });
    }

    [Test]
    public void A_placement_older_than_the_guarantee_period_is_clean()
    {
        AssertClean(Facts(placements: [new PlacementFact(Guid.NewGuid(), MercyHospital.Id, Now.AddDays(-400))]));
    }

    [Test]
    public void A_placed_candidate_may_move_within_the_chain_that_hired_them()
    {
        var cedar = Search(MercyHealth, "Project Cedar");

        AssertClean(Facts(target: cedar, placements: [new PlacementFact(Guid.NewGuid(), MercyHospital.Id, Now.AddDays(-30))]));
    }

    [Test]
    public void A_placement_whose_search_is_not_loaded_is_explained_without_a_code_name()
    {
        var reason = OnlyReason(Facts(placements: [new PlacementFact(Guid.NewGuid(), MercyHospital.Id, new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero))]));

        Assert.That(reason.Explanation, Does.StartWith("Placed by the firm in another search on 2025-02-01"));
    }

    [Test]
    public void A_candidate_presented_to_another_client_is_off_limits()
    {
        var birch = Search(MercyHospital, "Project Birch");

        var reason = OnlyReason(Facts(searches: [birch], presentations: [new PresentationFact(birch.Id, MercyHospital.Id)]));

        Assert.Multiple(() =>
        {
            Assert.That(reason.Code, Is.EqualTo(ConflictCodes.PresentedElsewhere));
            Assert.That(reason.Explanation, Is.EqualTo("Currently presented to another client in Project Birch"));
            Assert.That(reason.ClientId, Is.EqualTo(MercyHospital.Id));
        });
    }

    [Test]
    public void Being_presented_to_the_same_client_in_another_search_is_clean()
    {
        var maple = Search(StLukes, "Project Maple");

        AssertClean(Facts(searches: [maple], presentations: [new PresentationFact(maple.Id, StLukes.Id)]));
    }

    [Test]
    public void Being_presented_in_the_target_search_itself_is_clean()
    {
        AssertClean(Facts(presentations: [new PresentationFact(Oak.Id, StLukes.Id)]));
    }

    [Test]
    public void A_manual_rule_puts_a_clients_employees_off_limits_until_its_date()
    {
        var rule = new ManualRule(MercyHealth.Id, new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero), "Master services agreement, clause 7");

        var reason = OnlyReason(Facts(employers: [WorksAt(MercyHospital)], rules: [rule]));

        Assert.Multiple(() =>
        {
            Assert.That(reason.Code, Is.EqualTo(ConflictCodes.ManualRule));
            Assert.That(reason.Explanation, Is.EqualTo(
                "Works for Mercy Hospital, a subsidiary of an organisation that is off-limits by a firm rule until 2026-01-31: Master services agreement, clause 7"));
            Assert.That(reason.ClientId, Is.EqualTo(MercyHealth.Id));
            Assert.That(reason.SearchId, Is.Null);
        });
    }

    [Test]
    public void A_manual_rule_past_its_date_no_longer_applies()
    {
        AssertClean(Facts(employers: [WorksAt(MercyHealth)], rules: [new ManualRule(MercyHealth.Id, Now, "Expired today")]));
    }

    [Test]
    public void Every_reason_is_reported_not_just_the_first()
    {
        var cedar = Search(MercyHealth, "Project Cedar");
        var birch = Search(MercyHospital, "Project Birch");

        var check = ConflictRules.Check(Facts(
            employers: [WorksAt(MercyHospital)],
            searches: [cedar, birch],
            presentations: [new PresentationFact(birch.Id, MercyHospital.Id)],
            rules: [new ManualRule(MercyHospital.Id, Now.AddDays(30), "Board request")]), Now);

        Assert.That(check.Reasons.Select(r => r.Code), Is.EqualTo(new[]
        {
            ConflictCodes.ClientEmployee, ConflictCodes.ClientEmployee, ConflictCodes.ManualRule, ConflictCodes.PresentedElsewhere,
        }));
    }

    [Test]
    public void A_cycle_in_the_ownership_data_does_not_hang_the_check()
    {
        var a = new ClientFact(Guid.NewGuid(), "A", null);
        var b = new ClientFact(Guid.NewGuid(), "B", a.Id);
        a = a with { ParentId = b.Id };
        var facts = Facts(employers: [WorksAt(a)]) with { Clients = [a, b, StLukes], Searches = [Oak, new SearchFact(Guid.NewGuid(), b.Id, SearchStatus.Open, null, "Project Loop")] };

        Assert.That(ConflictRules.Check(facts, Now).Reasons, Has.Count.EqualTo(1));
    }

    [Test]
    public void Explanations_never_name_the_client_behind_a_search()
    {
        var check = ConflictRules.Check(Facts(
            employers: [WorksAt(MercyHospital)],
            searches: [Search(MercyHealth, "Project Cedar"), Search(MercyCardiology, "Project Ash")]), Now);

        Assert.Multiple(() =>
        {
            Assert.That(check.Reasons, Has.Count.EqualTo(2));
            Assert.That(check.Reasons.Select(r => r.Explanation), Has.None.Contains("Mercy Health").And.None.Contains("Heart Institute"));
        });
    }
}
