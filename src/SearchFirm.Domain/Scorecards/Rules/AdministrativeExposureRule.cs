using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Scorecards.Rules;

/// <summary>
/// Early administrative exposure (seed 000): quality-improvement committees, patient-safety work
/// such as root-cause analysis, and utilisation review. Met by work in two of the three areas or
/// by chairing one (chairing is already leadership); one area, or only other committees
/// (credentials, pharmacy and therapeutics), is half.
/// </summary>
internal static class AdministrativeExposureRule
{
    private static readonly (string Area, string[] Phrases)[] Areas =
    [
        ("quality-improvement", ["quality", "qi", "qapi", "performance improvement"]),
        ("patient-safety", ["safety", "root cause", "rca", "sentinel event"]),
        ("utilisation-review", ["utilisation", "utilization", "ur"]),
    ];

    public static Assessment Assess(ScoringContext c)
    {
        var committees = c.Profile.Committees;
        if (committees.Count == 0)
        {
            return Assessment.Missing("no committee work recorded", "no quality, patient-safety or utilisation-review committee work");
        }

        var covered = new HashSet<string>();
        var chaired = false;
        foreach (var committee in committees)
        {
            var text = Keywords.Normalise($"{committee.Name} {committee.Focus}");
            var areas = Areas.Where(a => Keywords.HasAny(text, a.Phrases)).Select(a => a.Area).ToList();
            covered.UnionWith(areas);
            chaired |= areas.Count > 0 && Keywords.HasAny(Keywords.Normalise(committee.Role), "chair", "chairman", "chairwoman", "chairperson");
        }

        var evidence = string.Join("; ", committees.Select(Describe));
        if (covered.Count >= 2 || chaired)
        {
            return Assessment.Met(evidence);
        }

        var missing = Areas.Select(a => a.Area).Where(a => !covered.Contains(a)).ToList();
        return Assessment.Partial(evidence, $"no {Wording.List(missing, "or")} committee work");
    }

    private static string Describe(Committee c) => string.IsNullOrWhiteSpace(c.Role) ? c.Name : $"{c.Role}, {c.Name}";
}
