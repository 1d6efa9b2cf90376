namespace SearchFirm.Domain.Pipeline;

public static class DaysInStage
{
    /// <summary>
    /// Whole 24-hour periods since the candidacy entered its stage. Elapsed time, not calendar
    /// dates, so the answer does not depend on the viewer's time zone; a clock skew that puts
    /// <paramref name="enteredAt"/> after <paramref name="now"/> gives 0, never a negative age.
    /// </summary>
    public static int Between(DateTimeOffset enteredAt, DateTimeOffset now)
    {
        var days = (now - enteredAt).Ticks / TimeSpan.TicksPerDay;
        return (int)Math.Clamp(days, 0, int.MaxValue);
    }
}
