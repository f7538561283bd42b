using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Wemixvisor.Core.Configuration;

/// <summary>
/// Durations in Go's syntax (<c>300ms</c>, <c>1.5s</c>, <c>1m30s</c>, <c>1h</c>, <c>0s</c>, a bare <c>0</c>),
/// the format Cosmovisor's variables use. Negative durations are rejected: no setting accepts one.
/// </summary>
public static class GoDuration
{
    public const string SyntaxHint = "use Go duration syntax such as 300ms, 1.5s, 1m30s, 1h or 0s";

    private const decimal NanosecondsPerTick = 100m;

    // Go's time.Duration is an int64 count of nanoseconds; anything larger cannot be written in Go either.
    private const decimal MaxNanoseconds = long.MaxValue;

    private static readonly (string Unit, decimal Nanoseconds)[] Units =
    [
        ("ns", 1m),
        ("us", 1_000m),
        ("\u00b5s", 1_000m),
        ("\u03bcs", 1_000m),
        ("ms", 1_000_000m),
        ("s", 1_000_000_000m),
        ("m", 60_000_000_000m),
        ("h", 3_600_000_000_000m),
    ];

    public static bool TryParse(string? text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        error = Check(text, out var nanoseconds);
        if (error is not null)
        {
            return false;
        }
        value = TimeSpan.FromTicks((long)decimal.Truncate(nanoseconds / NanosecondsPerTick));
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String()</c>: <c>0s</c>, <c>300ms</c>, <c>1.5s</c>, <c>1m30s</c>, <c>1h0m0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Negate());
        }
        var nanoseconds = (ulong)value.Ticks * 100UL;
        if (nanoseconds == 0)
        {
            return "0s";
        }
        if (nanoseconds < 1_000UL)
        {
            return nanoseconds.ToString(CultureInfo.InvariantCulture) + "ns";
        }
        if (nanoseconds < 1_000_000UL)
        {
            return Fraction(nanoseconds, 1_000UL) + "\u00b5s";
        }
        if (nanoseconds < 1_000_000_000UL)
        {
            return Fraction(nanoseconds, 1_000_000UL) + "ms";
        }
        var builder = new StringBuilder();
        var hours = nanoseconds / 3_600_000_000_000UL;
        var rest = nanoseconds % 3_600_000_000_000UL;
        var minutes = rest / 60_000_000_000UL;
        rest %= 60_000_000_000UL;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }
        if (hours > 0 || minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }
        builder.Append(Fraction(rest, 1_000_000_000UL)).Append('s');
        return builder.ToString();
    }

    private static string Fraction(ulong amount, ulong unit)
    {
        var whole = (amount / unit).ToString(CultureInfo.InvariantCulture);
        var remainder = amount % unit;
        if (remainder == 0)
        {
            return whole;
        }
        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        var fraction = remainder.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return whole + "." + fraction;
    }

    private static string? Check(string? text, out decimal nanoseconds)
    {
        nanoseconds = 0m;
        if (string.IsNullOrEmpty(text))
        {
            return "empty duration; " + SyntaxHint;
        }
        var position = 0;
        if (text[0] == '-')
        {
            return "a negative duration is not allowed";
        }
        if (text[0] == '+')
        {
            position++;
        }
        if (text[position..] == "0")
        {
            return null;
        }
        if (position == text.Length)
        {
            return "not a duration; " + SyntaxHint;
        }
        while (position < text.Length)
        {
            var wholeStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }
            var wholeDigits = text[wholeStart..position].TrimStart('0');
            var fractionDigits = "";
            var hasDot = position < text.Length && text[position] == '.';
            if (hasDot)
            {
                position++;
                var fractionStart = position;
                while (position < text.Length && char.IsAsciiDigit(text[position]))
                {
                    position++;
                }
                fractionDigits = text[fractionStart..position];
            }
            if (position - wholeStart == (hasDot ? 1 : 0))
            {
                return "not a duration; " + SyntaxHint;
            }
            if (wholeDigits.Length > 20)
            {
                return "the duration is too large";
            }
            // At most 18 fraction digits matter: nothing finer than a nanosecond survives the unit factor.
            var number = decimal.Parse(
                (wholeDigits.Length == 0 ? "0" : wholeDigits) + "." + (fractionDigits.Length == 0 ? "0" : fractionDigits[..Math.Min(fractionDigits.Length, 18)]),
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture);
            var unitStart = position;
            while (position < text.Length && !char.IsAsciiDigit(text[position]) && text[position] != '.')
            {
                position++;
            }
            var unit = text[unitStart..position];
            if (unit.Length == 0)
            {
                return "a duration needs a unit (ns, us, ms, s, m or h); " + SyntaxHint;
            }
            var factor = Array.Find(Units, u => u.Unit == unit).Nanoseconds;
            if (factor == 0m)
            {
                return $"unknown unit \"{unit}\"; the units are ns, us, ms, s, m and h";
            }
            nanoseconds += number * factor;
            if (nanoseconds > MaxNanoseconds)
            {
                return "the duration is too large";
            }
        }
        return null;
    }
}
