using System.Diagnostics.CodeAnalysis;

namespace Wemixvisor.Core.Layout;

/// <summary>An upgrade name that is safe to use as one directory name under <c>upgrades/</c>.</summary>
public readonly record struct UpgradeName
{
    public const int MaxLength = 128;

    public string Value { get; }

    private UpgradeName(string value) => Value = value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out UpgradeName? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        error = Check(text);
        if (error is not null)
        {
            return false;
        }
        name = new UpgradeName(text!);
        return true;
    }

    /// <summary>Parses a name that must be valid; throws <see cref="FormatException"/> with the reason otherwise.</summary>
    public static UpgradeName Parse(string text) =>
        TryParse(text, out var name, out var error) ? name.Value : throw new FormatException(error);

    private static string? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "upgrade name is empty";
        }
        if (text.Length > MaxLength)
        {
            return $"upgrade name \"{Printable(text[..20])}…\" is {text.Length} characters long; at most {MaxLength} are allowed";
        }
        if (!char.IsAsciiLetterOrDigit(text[0]))
        {
            return $"upgrade name \"{Printable(text)}\" must start with a letter or digit";
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+' or '-'))
            {
                return $"upgrade name \"{Printable(text)}\" contains {Describe(c)}; only letters, digits, '.', '_', '+' and '-' are allowed";
            }
        }
        return null;
    }

    private static string Describe(char c) => char.IsControl(c) ? $"the control character U+{(int)c:X4}" : $"'{c}'";

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    public override string ToString() => Value;
}
