using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using SearchFirm.Features.Common;

namespace SearchFirm.Features.Pipeline;

/// <summary>
/// Logs the request's name, who sent it, how long it took and how it ended. Never the request's
/// content: it can hold passwords and candidate data. Success is Debug: at Information the line
/// cost ~17% of a read's throughput (tests/SearchFirm.Benchmarks/RESULTS.md); refusals stay visible.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, ICurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var userId = user.IsAuthenticated ? user.Id : (Guid?)null;
        try
        {
            var response = await next(message, cancellationToken);
            Handled(typeof(TMessage).Name, userId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (ProblemException problem)
        {
            Refused(typeof(TMessage).Name, userId, problem.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (FluentValidation.ValidationException)
        {
            Refused(typeof(TMessage).Name, userId, "ValidationException", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} by {UserId} handled in {ElapsedMs:0.0} ms")]
    private partial void Handled(string request, Guid? userId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} by {UserId} refused ({Reason}) in {ElapsedMs:0.0} ms")]
    private partial void Refused(string request, Guid? userId, string reason, double elapsedMs);
}
