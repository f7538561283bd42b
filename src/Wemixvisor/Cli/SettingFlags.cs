using Cocona;
using Wemixvisor.Core.Configuration;

namespace Wemixvisor.Cli;

/// <summary>
/// The flag of every setting (<c>--home</c>, <c>--poll-interval</c>, …), shared by every command that needs
/// the options: add a <c>SettingFlags settings</c> parameter to the command method and pass it to
/// <see cref="OptionsResolver.Resolve"/>. The flags are not declared here: <see cref="SettingFlagsCommandProvider"/>
/// makes one Cocona option per setting of <see cref="Settings"/>. All are optional text, validated with the
/// environment and config file, so <c>--restart-after-upgrade false</c> and <c>--restart-after-upgrade=false</c> both work.
/// </summary>
public sealed class SettingFlags : ICommandParameterSet
{
    private readonly Dictionary<string, string> _given = new(StringComparer.Ordinal);

    /// <summary>The flags that were given, by flag name without dashes, as the configuration loader takes them.</summary>
    public IReadOnlyDictionary<string, string> Given() => new Dictionary<string, string>(_given, StringComparer.Ordinal);

    internal void Set(Setting setting, string? value)
    {
        if (value is not null)
        {
            _given[setting.Flag] = value;
        }
    }
}
