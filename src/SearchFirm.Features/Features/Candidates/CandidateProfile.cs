using FluentValidation;
using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Candidates;

/// <summary>
/// The profile as the API carries it. Stored as one JSON document per
/// candidate; the facts that searches filter on are copied into indexed columns and facets.
/// </summary>
public abstract record CandidateFields
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Location { get; init; }
    public string? CurrentTitle { get; init; }
    public string? CurrentEmployer { get; init; }
    public Guid? CurrentEmployerClientId { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<EducationInput>? Education { get; init; }
    public IReadOnlyList<CredentialInput>? Credentials { get; init; }
    public IReadOnlyList<PositionInput>? Positions { get; init; }
    public IReadOnlyList<CommitteeInput>? Committees { get; init; }
    public IReadOnlyList<CompetencyInput>? Competencies { get; init; }
    public CompensationInput? Compensation { get; init; }
}

public sealed record EducationInput(string? Degree, string? Institution, int? Year);

/// <param name="Name">What the credential is within its kind; searches filter on it (?credential=).</param>
public sealed record CredentialInput(CredentialKind? Kind, string? Name,
    [property: System.ComponentModel.Description("Who granted it: a licensing board, a specialty board, a society.")] string? Issuer,
    DateOnly? ExpiresOn);

public sealed record PositionInput(string? Organisation, string? Title, RoleLevel? Level, DateOnly? From, DateOnly? To, bool? IsClinical);

/// <summary>A committee or board the candidate sits on, free text: boards read it as governance experience.</summary>
public sealed record CommitteeInput(
    [property: System.ComponentModel.Description("The committee or board, as its organisation names it.")] string? Name,
    [property: System.ComponentModel.Description("The candidate's seat on it: Chair, Vice-chair, Member, Advisor...")] string? Role,
    [property: System.ComponentModel.Description("What it oversees, in a few words.")] string? Focus);

public sealed record CompetencyInput(
    [property: System.ComponentModel.Description("The scorecard reads the CMO model's competencies: pl-literacy, payment-models, strategic-planning, change-management, " +
        "regulatory-compliance, quality-safety, medical-staff-alignment, utilisation-management, provider-networks, clinical-policy, population-health, " +
        "clinical-development, trial-compliance, product-development (or the same competency by name). Other keys are kept and shown, not scored.")]
    string? Key,
    string? Name,
    [property: System.ComponentModel.Description("1 to 5; 4 or more is strong.")] int? Assessment,
    string? Evidence);

/// <summary>Internal to the firm: never shown to a committee or the candidate portal.</summary>
/// <param name="Shareable">The candidate agreed that the client may be told it (kept for the team; a committee brief never shows compensation).</param>
public sealed record CompensationInput(decimal? CurrentBase, decimal? CurrentBonus, decimal? ExpectedBase, string? Currency, string? Notes, bool? Shareable = null);

/// <summary>The parts of the profile kept as one JSON document.</summary>
public sealed record ProfileDocument(
    IReadOnlyList<EducationInput> Education,
    IReadOnlyList<CredentialInput> Credentials,
    IReadOnlyList<PositionInput> Positions,
    IReadOnlyList<CommitteeInput> Committees,
    IReadOnlyList<CompetencyInput> Competencies);

/// <summary>The rules of a profile, shared by create and update; field names are the JSON names.</summary>
public abstract class CandidateFieldsValidator<T> : AbstractValidator<T>
    where T : CandidateFields
{
    public const int MaxItems = 50;

    protected CandidateFieldsValidator()
    {
        RuleFor(x => x.FirstName).Text(100);
        RuleFor(x => x.LastName).Text(100);
        RuleFor(x => x.Email).MaximumLength(320).EmailAddress().When(x => !string.IsNullOrEmpty(x.Email));
        RuleFor(x => x.Phone).MaximumLength(50).Matches(@"^[0-9+()\-. x]*$").WithMessage("'phone' may hold digits, spaces and + ( ) - . x only.");
        RuleFor(x => x.Location).MaximumLength(200);
        RuleFor(x => x.CurrentTitle).MaximumLength(200);
        RuleFor(x => x.CurrentEmployer).MaximumLength(200);
        RuleFor(x => x.CurrentEmployerClientId).NotEqual(Guid.Empty);
        RuleFor(x => x.Summary).MaximumLength(4000);

        RuleFor(x => x.Education).Must(l => l is null || l.Count <= MaxItems).WithMessage($"At most {MaxItems} entries.");
        RuleForEach(x => x.Education).NotNull().ChildRules(e =>
        {
            e.RuleFor(x => x.Degree).Text(40);
            e.RuleFor(x => x.Institution).MaximumLength(200);
            e.RuleFor(x => x.Year).InclusiveBetween(1940, 2100);
        });
        RuleFor(x => x.Credentials).Must(l => l is null || l.Count <= MaxItems).WithMessage($"At most {MaxItems} entries.");
        RuleForEach(x => x.Credentials).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Kind).NotNull().IsInEnum();
            c.RuleFor(x => x.Name).Text(200);
            c.RuleFor(x => x.Issuer).MaximumLength(200);
        });
        RuleFor(x => x.Positions).Must(l => l is null || l.Count <= MaxItems).WithMessage($"At most {MaxItems} entries.");
        RuleForEach(x => x.Positions).NotNull().ChildRules(p =>
        {
            p.RuleFor(x => x.Organisation).Text(200);
            p.RuleFor(x => x.Title).Text(200);
            p.RuleFor(x => x.Level).NotNull().IsInEnum();
            p.RuleFor(x => x.From).NotNull();
            p.RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.To is not null && x.From is not null)
                .WithMessage("'to' must not be before 'from'.");
        });
        RuleFor(x => x.Committees).Must(l => l is null || l.Count <= MaxItems).WithMessage($"At most {MaxItems} entries.");
        RuleForEach(x => x.Committees).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Name).Text(200);
            c.RuleFor(x => x.Role).MaximumLength(100);
            c.RuleFor(x => x.Focus).MaximumLength(200);
        });
        RuleFor(x => x.Competencies).Must(l => l is null || l.Count <= MaxItems).WithMessage($"At most {MaxItems} entries.");
        RuleForEach(x => x.Competencies).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Key).NotEmpty().MaximumLength(64).Matches("^[a-z0-9][a-z0-9-]*$")
                .WithMessage("'{PropertyName}' uses lower-case letters, digits and hyphens.");
            c.RuleFor(x => x.Name).MaximumLength(200);
            c.RuleFor(x => x.Assessment).NotNull().InclusiveBetween(1, 5);
            c.RuleFor(x => x.Evidence).MaximumLength(2000);
        });
        RuleFor(x => x.Compensation).ChildRules(c =>
        {
            c.RuleFor(x => x!.CurrentBase).InclusiveBetween(0, 100_000_000);
            c.RuleFor(x => x!.CurrentBonus).InclusiveBetween(0, 100_000_000);
            c.RuleFor(x => x!.ExpectedBase).InclusiveBetween(0, 100_000_000);
            c.RuleFor(x => x!.Currency).Matches("^[A-Z]{3}$").WithMessage("'currency' is a three-letter ISO code.");
            c.RuleFor(x => x!.Notes).MaximumLength(2000);
        }).When(x => x.Compensation is not null);
    }
}
