using System.Globalization;

namespace Wemixvisor.Core.Configuration;

/// <summary>
/// A size in bytes as settings write it: plain bytes (<c>1048576</c>) or a whole number with a unit, binary
/// (<c>KiB</c>, <c>MiB</c>, <c>GiB</c>, <c>TiB</c>) or decimal (<c>kB</c>, <c>MB</c>, <c>GB</c>, <c>TB</c>), in any letter case.
/// </summary>
public static class ByteSize
{
    private static readonly (string Unit, long Bytes)[] Units =
    [
        ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10),
        ("TB", 1_000_000_000_000), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1),
    ];

    public static bool TryParse(string text, out long bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = 0;
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }
        var unit = text[digits..].Trim();
        var multiplier = unit.Length == 0 ? 1 : Units.FirstOrDefault(u => u.Unit.Equals(unit, StringComparison.OrdinalIgnoreCase)).Bytes;
        if (multiplier == 0 || number > long.MaxValue / multiplier)
        {
            return false;
        }
        bytes = number * multiplier;
        return true;
    }

    /// <summary>The largest binary unit that divides the size exactly: <c>2GiB</c>, <c>1536MiB</c>, <c>1000</c>.</summary>
    public static string Format(long bytes)
    {
        foreach (var (unit, size) in Units.Take(4))
        {
            if (bytes >= size && bytes % size == 0)
            {
                return (bytes / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }
        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A size for people: <c>1.5 GiB</c>, <c>312 KiB</c>, <c>17 B</c>.</summary>
    public static string Human(long bytes)
    {
        foreach (var (unit, size) in Units.Take(4))
        {
            if (bytes >= size)
            {
                return ((double)bytes / size).ToString(bytes / size >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + unit;
            }
        }
        return bytes.ToString(CultureInfo.InvariantCulture) + " B";
    }
}
