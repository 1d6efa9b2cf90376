using System.Collections.Concurrent;

namespace SearchFirm.Features.Auth;

/// <summary>
/// Slows password guessing: after too many failed sign-ins for one e-mail, or from one address,
/// within the window, further attempts get 429 until the window has passed. In memory: with several
/// API instances each counts on its own, which still bounds guessing per instance.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailuresPerAccount = 5;
    public const int MaxFailuresPerAddress = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> failures = new(StringComparer.Ordinal);

    /// <summary>Null when the attempt may go ahead, otherwise how long to wait.</summary>
    public TimeSpan? RetryAfter(string email, string? address)
    {
        var now = clock.GetUtcNow();
        var byAccount = Wait(AccountKey(email), MaxFailuresPerAccount, now);
        var byAddress = address is null ? null : Wait(AddressKey(address), MaxFailuresPerAddress, now);
        return byAccount > byAddress ? byAccount : byAddress ?? byAccount;
    }

    public void RecordFailure(string email, string? address)
    {
        var now = clock.GetUtcNow();
        Record(AccountKey(email), now);
        if (address is not null) Record(AddressKey(address), now);
        if (failures.Count > 100_000) Prune(now);
    }

    public void RecordSuccess(string email) => failures.TryRemove(AccountKey(email), out _);

    private TimeSpan? Wait(string key, int limit, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var entry)) return null;
        lock (entry)
        {
            entry.DropBefore(now - Window);
            return entry.Count >= limit ? entry.Oldest + Window - now : null;
        }
    }

    private void Record(string key, DateTimeOffset now)
    {
        var entry = failures.GetOrAdd(key, _ => new Failures());
        lock (entry) entry.Add(now);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in failures)
        {
            lock (entry)
            {
                entry.DropBefore(now - Window);
                if (entry.Count == 0) failures.TryRemove(key, out _);
            }
        }
    }

    private static string AccountKey(string email) => "a:" + email.Trim().ToUpperInvariant();

    private static string AddressKey(string address) => "i:" + address;

    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> times = new();

        public int Count => times.Count;

        public DateTimeOffset Oldest => times.Peek();

        public void Add(DateTimeOffset time) => times.Enqueue(time);

        public void DropBefore(DateTimeOffset cutoff)
        {
            while (times.Count > 0 && times.Peek() < cutoff) times.Dequeue();
        }
    }
}
