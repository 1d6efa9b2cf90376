using System.Globalization;

namespace SearchFirm.Web.Shared;

/// <summary>Dates and times as an American reader says them, in the firm's zone, and what is left of a deadline.</summary>
public static class When
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        return local.ToString("dddd, MMMM d, yyyy 'at' h:mm tt", English) + " " + name;
    }

    public static string Date(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("MMMM d, yyyy", English);

    /// <summary>"6 days left", "5 hours left", "less than an hour left"; null once passed.</summary>
    public static string? Left(DateTimeOffset deadline, DateTimeOffset now)
    {
        var left = deadline - now;
        if (left <= TimeSpan.Zero) return null;
        if (left.TotalDays >= 2) return $"{(int)left.TotalDays} days left";
        if (left.TotalHours >= 2) return $"{(int)left.TotalHours} hours left";
        return left.TotalHours >= 1 ? "about an hour left" : "less than an hour left";
    }

    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n.ToString(English)} {many}";
}
