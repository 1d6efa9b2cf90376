using FluentValidation;

namespace SearchFirm.Features.Common;

/// <summary>Rules more than one request shares.</summary>
public static class ValidationRules
{
    public const int MinPasswordLength = 12;

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(320).EmailAddress();

    public static IRuleBuilderOptions<T, string?> StrongPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MinimumLength(MinPasswordLength).MaximumLength(256);

    /// <summary>Names and titles: present, bounded, and free of control characters.</summary>
    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().MaximumLength(maxLength)
            .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("'{PropertyName}' must not contain control characters.");

    public static IRuleBuilderOptions<T, Guid?> Id<T>(this IRuleBuilder<T, Guid?> rule) =>
        rule.NotNull().NotEqual(Guid.Empty);
}
