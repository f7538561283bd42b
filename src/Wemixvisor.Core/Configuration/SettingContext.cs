namespace Wemixvisor.Core.Configuration;

/// <summary>What a parser or a derived default may depend on: the settings resolved before it and the working directory.</summary>
public sealed record SettingContext(SettingValues Values, string WorkingDirectory)
{
    /// <summary>For reading a fixed default, which depends on nothing.</summary>
    public static SettingContext Empty { get; } = new(SettingValues.Empty, "/");
}
