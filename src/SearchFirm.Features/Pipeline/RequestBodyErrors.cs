using FluentValidation.Results;

namespace SearchFirm.Features.Pipeline;

/// <summary>
/// What the host found wrong in a request body before it could be bound: values of the wrong type,
/// unknown enum names, unknown members. The host binds what remains and sends the request on, so
/// that <see cref="ValidationBehaviour{TMessage, TResponse}"/> reports these together with the
/// validators' own errors in one answer, after authorization as usual. Scoped: one per request.
/// </summary>
public sealed class RequestBodyErrors
{
    private readonly List<ValidationFailure> failures = [];

    public IReadOnlyList<ValidationFailure> Failures => failures;

    public void Add(string field, string message) => failures.Add(new ValidationFailure(field, message));

    /// <summary>True when the body got <paramref name="field"/>, or something inside it, wrong: a validator's
    /// complaint about the default that took its place would only mislead.</summary>
    public bool Covers(string field) => failures.Any(f =>
        field.StartsWith(f.PropertyName, StringComparison.Ordinal)
        && (field.Length == f.PropertyName.Length || field[f.PropertyName.Length] is '.' or '['));
}
