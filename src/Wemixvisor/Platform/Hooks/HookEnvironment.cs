using System.Globalization;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Platform.Hooks;

/// <summary>The variables every pre-upgrade hook gets on top of wemixvisor's environment.</summary>
internal static class HookEnvironment
{
    public static IReadOnlyDictionary<string, string> For(HomeLayout layout, UpgradeInfo upgrade) => new Dictionary<string, string>
    {
        ["UPGRADE_NAME"] = upgrade.Name.Value,
        ["UPGRADE_HEIGHT"] = upgrade.Height.ToString(CultureInfo.InvariantCulture),
        ["UPGRADE_INFO"] = upgrade.Info,
        ["DAEMON_HOME"] = layout.Home,
        ["DAEMON_NAME"] = layout.DaemonName,
        ["DAEMON_DATA_DIR"] = layout.DataDir,
    };
}
