namespace SearchFirm.Benchmarks;

/// <summary>
/// Minor page faults of this process (field 10 of /proc/self/stat; 0 where there is no /proc).
/// On the VM these figures come from a fault costs about 13 µs, so memory touched for the first
/// time can cost more than the work done in it: the benchmarks report faults beside times.
/// </summary>
internal static class PageFaults
{
    public static long Minor() =>
        File.Exists("/proc/self/stat") ? long.Parse(File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ')[7], System.Globalization.CultureInfo.InvariantCulture) : 0;
}
