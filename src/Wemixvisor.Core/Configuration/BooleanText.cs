namespace Wemixvisor.Core.Configuration;

/// <summary>Booleans as settings spell them: <c>true</c> or <c>false</c>, in any letter case.</summary>
public static class BooleanText
{
    public static bool TryParse(string? text, out bool value)
    {
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }
        value = false;
        return false;
    }

    public static string Format(bool value) => value ? "true" : "false";
}
