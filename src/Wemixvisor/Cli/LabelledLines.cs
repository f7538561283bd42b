namespace Wemixvisor.Cli;

/// <summary>
/// The text of <c>status</c> and <c>show-upgrade-info</c>: one <c>label: value</c> per line, the values aligned. A
/// line with an empty label continues the value above it.
/// </summary>
internal static class LabelledLines
{
    public static IEnumerable<string> Format(IReadOnlyList<(string Label, string Value)> lines, int gap)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var width = lines.Max(line => line.Label.Length) + 1 + gap;
        return lines.Select(line => (line.Label.Length == 0 ? "" : line.Label + ":").PadRight(width) + line.Value);
    }
}
