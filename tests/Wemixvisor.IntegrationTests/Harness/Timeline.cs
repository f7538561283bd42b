namespace Wemixvisor.IntegrationTests.Harness;

/// <summary>
/// What the fake nodes of one home recorded, one event a line, in order: <c>&lt;label&gt; &lt;event&gt;</c>,
/// e.g. <c>genesis start pid=42 args=--x 1</c>, <c>genesis signal TERM</c>, <c>genesis grandchild signal TERM</c>, <c>v2 exit 0</c>.
/// </summary>
public sealed class Timeline(string path)
{
    public string Path { get; } = path;

    public IReadOnlyList<string> Lines
    {
        get
        {
            try
            {
                return File.ReadAllLines(Path);
            }
            catch (FileNotFoundException)
            {
                return [];
            }
        }
    }

    public bool Has(string line) => Lines.Contains(line);

    public bool HasPrefix(string prefix) => Lines.Any(line => line.StartsWith(prefix, StringComparison.Ordinal));

    public int Count(string line) => Lines.Count(l => l == line);

    /// <summary>The pid from the first <c>&lt;label&gt; start pid=N …</c> line, or null.</summary>
    public int? StartedPid(string label, bool grandchild = false)
    {
        var prefix = grandchild ? $"{label} grandchild start pid=" : $"{label} start pid=";
        var line = Lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : int.Parse(line[prefix.Length..].Split(' ')[0]);
    }

    public Task WaitFor(string line, TimeSpan? timeout = null) =>
        Eventually.Holds(() => Has(line), $"timeline line \"{line}\"", timeout, Describe);

    public Task WaitForPrefix(string prefix, TimeSpan? timeout = null) =>
        Eventually.Holds(() => HasPrefix(prefix), $"timeline line starting \"{prefix}\"", timeout, Describe);

    public string Describe() => $"timeline {Path}:\n  " + string.Join("\n  ", Lines);

    public override string ToString() => Describe();
}
