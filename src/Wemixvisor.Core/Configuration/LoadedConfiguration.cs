namespace Wemixvisor.Core.Configuration;

/// <summary>A setting's final value, shown as text, and the source that gave it.</summary>
/// <param name="Value">The resolved value in its canonical text form (durations in Go syntax, absolute paths); empty when unset.</param>
/// <param name="Origin">The variable, flag or <c>file:line</c> that gave it, or <c>default</c>.</param>
public sealed record ResolvedSetting(Setting Setting, string Value, SettingSource Source, string Origin);

/// <summary>Valid options, and for every setting its value and source (what <c>wemixvisor config</c> shows).</summary>
/// <param name="Notices">Variables or keys that were set but are ignored, one sentence each.</param>
public sealed record LoadedConfiguration(
    WemixvisorOptions Options,
    IReadOnlyList<ResolvedSetting> Settings,
    IReadOnlyList<string> Notices)
{
    public ResolvedSetting this[Setting setting] => Settings.First(s => s.Setting == setting);
}

/// <summary>Either the loaded configuration or every problem found in it.</summary>
public sealed record ConfigurationResult
{
    private ConfigurationResult(LoadedConfiguration? loaded, IReadOnlyList<ConfigurationProblem> problems)
    {
        Loaded = loaded;
        Problems = problems;
    }

    public LoadedConfiguration? Loaded { get; }
    public IReadOnlyList<ConfigurationProblem> Problems { get; }
    public bool IsValid => Loaded is not null;

    public static ConfigurationResult Valid(LoadedConfiguration loaded) => new(loaded, []);

    public static ConfigurationResult Invalid(IReadOnlyList<ConfigurationProblem> problems) =>
        problems.Count == 0 ? throw new ArgumentException("an invalid configuration has at least one problem", nameof(problems)) : new(null, problems);
}
