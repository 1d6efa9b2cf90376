using FluentValidation;

namespace SearchFirm.Web.Shared;

/// <summary>
/// A request's validation failures as a form shows them: by field id. The validator decides what is
/// wrong; the page only says where, translating the request's property names to its field ids.
/// </summary>
public sealed class FormErrors : Dictionary<string, List<string>>
{
    public FormErrors() : base(StringComparer.Ordinal) { }

    public static FormErrors From(ValidationException exception, Func<string, string> fieldOf)
    {
        var errors = new FormErrors();
        foreach (var failure in exception.Errors)
            errors.Add(fieldOf(failure.PropertyName), failure.ErrorMessage);
        return errors;
    }

    public void Add(string field, string message)
    {
        if (!TryGetValue(field, out var list)) this[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    public bool Has(string field) => ContainsKey(field);
}
