namespace SearchFirm.Features.Common;

/// <summary>
/// Failures a handler may raise; the host maps each to one status and a stable problem type
/// that clients may branch on. Messages are shown to the caller, so they never carry confidential data.
/// </summary>
public abstract class ProblemException(string message) : Exception(message);

/// <summary>404: missing, or not the caller's to see. Never says which.</summary>
public sealed class NotFoundException(string entity) : ProblemException($"The {entity} was not found.")
{
    public string Entity { get; } = entity;
}

/// <summary>409: the caller's expectedVersion is stale, or the thing already exists.</summary>
public sealed class ConflictException(string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    : ProblemException(message)
{
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();

    public static ConflictException StaleVersion(string entity, int currentVersion) =>
        new("version-conflict", $"The {entity} was changed by someone else. Reload it and try again.",
            new Dictionary<string, object?> { ["currentVersion"] = currentVersion });
}

/// <summary>422: the request is well formed but a business rule refuses it; <see cref="Code"/> names the rule.</summary>
public sealed class RuleViolationException(string code, string message) : ProblemException(message)
{
    public string Code { get; } = code;
}

/// <summary>403: signed in and allowed to see the thing, but not to do this to it; <see cref="Code"/> may name the rule.</summary>
public sealed class ForbiddenException(string message = "You are not allowed to do this.", string code = "forbidden") : ProblemException(message)
{
    public string Code { get; } = code;
}

/// <summary>401: not signed in, or the credentials were refused.</summary>
public sealed class UnauthorizedException(string message = "Sign in to continue.") : ProblemException(message);

/// <summary>413: the upload is larger than the configured limit.</summary>
public sealed class PayloadTooLargeException(long maxBytes)
    : ProblemException($"The file is larger than the limit of {maxBytes:N0} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>
/// 415: the content is not of a type the firm accepts. Decided by the bytes, never by the file's
/// name or the Content-Type the client claimed; <see cref="Code"/> says which check refused it.
/// </summary>
public sealed class UnsupportedContentException(string code, string message) : ProblemException(message)
{
    public string Code { get; } = code;
}

/// <summary>429: too many attempts; try again after <see cref="RetryAfter"/>.</summary>
public sealed class TooManyRequestsException(TimeSpan retryAfter)
    : ProblemException("Too many attempts. Try again later.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
