namespace SearchFirm.Domain.Candidates;

/// <summary>A stretch of clinical practice, end exclusive.</summary>
internal readonly record struct PracticeSpan(DateOnly Start, DateOnly End);

/// <summary>
/// The arithmetic behind <see cref="CandidateProfile.YearsOfClinicalPractice"/>. A position's
/// <c>To</c> is the last day in post, as a CV states it, so 2014-01-01 to 2023-12-31 is ten
/// years; an open position runs to today; anything after today is ignored.
/// </summary>
internal static class ClinicalPractice
{
    public static IReadOnlyList<PracticeSpan> Spans(CandidateProfile profile, DateOnly today)
    {
        var spans = profile.Positions
            .Where(p => p.IsClinical && p.From <= today)
            .Select(p =>
            {
                var last = p.To is DateOnly to && to < today ? to : today;
                return new PracticeSpan(p.From, last.AddDays(1));
            })
            .Where(s => s.Start < s.End) // a To before From is bad data, not negative practice
            .OrderBy(s => s.Start);

        var merged = new List<PracticeSpan>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { End = span.End > last.End ? span.End : last.End };
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    /// <summary>Calendar months, not days / 365, so that leap years do not turn ten years into 9.99.</summary>
    public static int WholeMonths(IEnumerable<PracticeSpan> spans) => spans.Sum(s =>
    {
        var months = ((s.End.Year - s.Start.Year) * 12) + s.End.Month - s.Start.Month;
        return s.End.Day < s.Start.Day ? months - 1 : months;
    });
}
