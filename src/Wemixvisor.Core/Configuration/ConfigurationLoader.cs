namespace Wemixvisor.Core.Configuration;

/// <summary>
/// Loads the options with the precedence flags &gt; environment &gt; config file &gt; defaults and validates
/// them as a whole: the result holds either valid options or every problem at once. Does no I/O itself.
/// </summary>
public static class ConfigurationLoader
{
    public static ConfigurationResult Load(ConfigurationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var unknownFlag = input.Flags.Keys.FirstOrDefault(flag => Settings.All.All(s => s.Flag != flag));
        if (unknownFlag is not null)
        {
            throw new ArgumentException($"\"{unknownFlag}\" is not a setting flag", nameof(input));
        }
        return new ConfigurationBuilder(input).Build();
    }
}
