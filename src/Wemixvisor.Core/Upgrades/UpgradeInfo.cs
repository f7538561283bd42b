using Wemixvisor.Core.Layout;

namespace Wemixvisor.Core.Upgrades;

/// <summary>A valid upgrade plan read from <c>upgrade-info.json</c>.</summary>
/// <param name="Info">The <c>info</c> field as JSON text (a JSON string for Cosmos files, an object for wemixvisor's); <c>""</c> when absent.</param>
public sealed record UpgradeInfo(UpgradeName Name, long Height, string? Time, string Info);

/// <summary>The upgrade the running version was switched to; genesis is height 0 with no name.</summary>
public sealed record AppliedUpgrade(UpgradeName? Name, long Height)
{
    public static readonly AppliedUpgrade Genesis = new(null, 0);

    public static AppliedUpgrade From(UpgradeInfo info) => new(info.Name, info.Height);

    /// <summary>An upgrade is pending when it names another upgrade at a greater height; never a downgrade.</summary>
    public bool IsPendingFor(UpgradeInfo info) => info.Name != Name && info.Height > Height;

    public override string ToString() => Name is { } name ? $"{name}@{Height}" : "genesis";
}

/// <summary>What a look at the trigger file found.</summary>
public abstract record TriggerFile
{
    private TriggerFile() { }

    /// <summary>No trigger file.</summary>
    public sealed record Absent : TriggerFile
    {
        public static readonly Absent Instance = new();
    }

    /// <summary>Truncated or empty JSON, most likely still being written.</summary>
    public sealed record Incomplete(string Reason) : TriggerFile;

    /// <summary>Well-formed but wrong; <paramref name="Reason"/> names the field.</summary>
    public sealed record Invalid(string Reason) : TriggerFile;

    public sealed record Valid(UpgradeInfo Upgrade) : TriggerFile;
}
