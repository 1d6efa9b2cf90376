namespace SearchFirm.Domain.Candidates;

/// <param name="Degree">As the CV states it: "MD", "D.O.", "MBA", "Master of Medical Management", "MPH"… (see <see cref="Degrees"/>).</param>
public sealed record Education(string Degree, string? Institution, int? Year);
