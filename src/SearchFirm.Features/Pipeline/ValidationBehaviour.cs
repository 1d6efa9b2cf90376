using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace SearchFirm.Features.Pipeline;

/// <summary>
/// Runs every validator of the request (async rules included) and reports all errors at once,
/// together with what the host found wrong in the body before binding it (<see cref="RequestBodyErrors"/>).
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators, RequestBodyErrors bodyErrors)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private readonly IValidator<TMessage>[] validators = validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<ValidationFailure>(bodyErrors.Failures);
        if (validators.Length > 0)
        {
            var context = new ValidationContext<TMessage>(message);
            foreach (var validator in validators)
                failures.AddRange((await validator.ValidateAsync(context, cancellationToken)).Errors.Where(f => !bodyErrors.Covers(f.PropertyName)));
        }

        if (failures.Count > 0)
            throw new ValidationException(failures);

        return await next(message, cancellationToken);
    }
}
