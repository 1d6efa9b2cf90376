namespace SearchFirm.Domain.Candidates;

/// <param name="To">The last day in post; null while the candidate still holds it.</param>
/// <param name="IsClinical">
/// Whether the candidate practised medicine in it. Separate from <paramref name="Level"/>
/// because many Medical Directors keep a clinical practice and some clinicians do not.
/// </param>
public sealed record Position(string Organisation, string Title, RoleLevel Level, DateOnly From, DateOnly? To, bool IsClinical);
