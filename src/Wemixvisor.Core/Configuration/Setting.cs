namespace Wemixvisor.Core.Configuration;

/// <summary>
/// One setting: its environment variable (the Cosmovisor-compatible name), its kebab-case flag,
/// its config-file key (the variable in lower case) and, for a few, an older alias.
/// </summary>
public sealed record Setting(string Variable, string Flag, string DefaultText, string Description)
{
    /// <summary>An alternative variable name accepted with lower precedence (Cosmovisor's own name).</summary>
    public string? Alias { get; init; }

    /// <summary>False for a setting that only flags and the environment can give (the config file's own path).</summary>
    public bool AllowedInFile { get; init; } = true;

    public string FileKey => Variable.ToLowerInvariant();
    public string? AliasFileKey => Alias?.ToLowerInvariant();
    public string FlagText => "--" + Flag;
}
