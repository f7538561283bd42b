namespace Wemixvisor.Core.Configuration;

/// <summary>Everything the loader reads, handed in by the caller so that loading does no I/O of its own.</summary>
public sealed record ConfigurationInput
{
    /// <summary>Flag values by flag name without the dashes (<c>home</c>, <c>poll-interval</c>); absent or empty means not given.</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();

    /// <summary>The process environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Returns a file's text. Throws <see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/>
    /// when it does not exist and another <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>
    /// when it cannot be read (as <c>File.ReadAllText</c> does).
    /// </summary>
    public required Func<string, string> ReadFile { get; init; }

    /// <summary>Absolute directory a relative config-file path is resolved against.</summary>
    public required string WorkingDirectory { get; init; }
}
