namespace Wemixvisor.Platform.Processes;

/// <summary>What to start: a program, its argument list (never a shell string), and its surroundings.</summary>
internal sealed record ProcessLaunch(string Program, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();
    /// <summary>False: stdin/stdout/stderr are inherited (the node). True: stdout/stderr are piped to the caller (hooks).</summary>
    public bool CaptureOutput { get; init; }
}
