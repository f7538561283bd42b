using System.Globalization;
using System.Text;

namespace Wemixvisor.Cli;

/// <summary>Byte counts and durations the way the reporting commands print them.</summary>
internal static class Quantities
{
    /// <summary><c>5.0 GiB (5368709120 bytes)</c>; smaller sizes in MiB or KiB, below 1 KiB just <c>56 bytes</c>.</summary>
    public static string Bytes(long bytes)
    {
        var (unit, scale) = bytes switch
        {
            >= 1L << 30 => ("GiB", 1L << 30),
            >= 1L << 20 => ("MiB", 1L << 20),
            >= 1L << 10 => ("KiB", 1L << 10),
            _ => ("", 1),
        };
        if (scale == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)scale:F1} {unit} ({bytes} bytes)");
    }

    /// <summary>Whole seconds in Go's style with days in front: <c>2d3h4m5s</c>, <c>12m0s</c>, <c>7s</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        var seconds = (long)Math.Max(0, Math.Round(duration.TotalSeconds));
        var text = new StringBuilder();
        var (days, hours, minutes) = (seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60);
        if (days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{days}d");
        }
        if (days > 0 || hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }
        if (seconds >= 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }
        return text.Append(CultureInfo.InvariantCulture, $"{seconds % 60}s").ToString();
    }

    /// <summary>ISO 8601 in UTC to the second: <c>2026-01-02T03:04:05Z</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
