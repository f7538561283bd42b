using System.Globalization;
using Wemixvisor.Platform.Interop;

namespace Wemixvisor.Platform.Processes;

/// <summary>How long a process has been running, from its start time in <c>/proc/&lt;pid&gt;/stat</c> (clock ticks after boot) and <c>/proc/uptime</c>.</summary>
internal static class ProcessAge
{
    /// <summary>The age of a process that started <paramref name="startTicks"/> clock ticks after boot; null when the clock cannot be read.</summary>
    public static TimeSpan? Of(ulong startTicks)
    {
        var ticksPerSecond = Libc.Sysconf(Libc.SC_CLK_TCK);
        if (ticksPerSecond <= 0 || SecondsSinceBoot() is not { } sinceBoot)
        {
            return null;
        }
        var age = sinceBoot - startTicks / (double)ticksPerSecond;
        return TimeSpan.FromSeconds(Math.Max(0, Math.Round(age)));
    }

    public static TimeSpan? Of(ProcStat stat) => Of(stat.StartTime);

    private static double? SecondsSinceBoot()
    {
        try
        {
            var first = File.ReadAllText("/proc/uptime").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
