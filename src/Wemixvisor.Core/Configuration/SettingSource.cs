namespace Wemixvisor.Core.Configuration;

/// <summary>Where a setting's value came from, lowest precedence first.</summary>
public enum SettingSource
{
    Default,
    File,
    Env,
    Flag,
}

public static class SettingSourceText
{
    /// <summary>The lower-case name the <c>config</c> command shows: default, file, env or flag.</summary>
    public static string ToText(this SettingSource source) => source switch
    {
        SettingSource.Default => "default",
        SettingSource.File => "file",
        SettingSource.Env => "env",
        SettingSource.Flag => "flag",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
