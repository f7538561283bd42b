using System.Text.Json;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;
using Wemixvisor.Platform.Files;

namespace Wemixvisor.Platform.Switching;

/// <summary>
/// <see cref="HomeLayout.JournalFile"/>: names the upgrade whose switch has begun. Written atomically
/// before the marker and the link change and removed after both, so a wemixvisor killed in between
/// finds it at the next start and completes the switch.
/// </summary>
internal sealed class UpgradeJournal(HomeLayout layout)
{
    private const int FormatVersion = 1;
    private const string SwitchBackStep = "switch-back";

    public string Path => layout.JournalFile;

    public void Begin(UpgradeInfo upgrade)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteString("step", "switch");
            writer.WritePropertyName("upgrade");
            UpgradeInfoJson.Write(writer, upgrade);
            writer.WriteEndObject();
        }
        AtomicFile.Write(Path, buffer.ToArray());
    }

    /// <summary>Records that <c>current</c> is being pointed back to <paramref name="previous"/> (a rollback).</summary>
    public void BeginSwitchBack(AppliedUpgrade previous)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteString("step", SwitchBackStep);
            writer.WriteString("target", previous.Name?.Value);
            writer.WriteNumber("height", previous.Height);
            writer.WriteEndObject();
        }
        AtomicFile.Write(Path, buffer.ToArray());
    }

    public void Clear() => AtomicFile.Delete(Path);

    /// <summary>What the journal holds: nothing, an unfinished switch, or a file that cannot be understood.</summary>
    public JournalContent Read()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return JournalContent.Empty.Instance;
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number) || number != FormatVersion)
            {
                return new JournalContent.Unreadable($"field \"version\" is not {FormatVersion}");
            }
            if (root.TryGetProperty("step", out var step) && step.ValueKind == JsonValueKind.String && step.GetString() == SwitchBackStep)
            {
                return ReadSwitchBack(root);
            }
            return root.TryGetProperty("upgrade", out var upgrade)
                ? new JournalContent.Switching(UpgradeInfoJson.Read(upgrade))
                : new JournalContent.Unreadable("field \"upgrade\" is missing");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return new JournalContent.Unreadable(e.Message);
        }
    }

    private static JournalContent ReadSwitchBack(JsonElement root)
    {
        if (!root.TryGetProperty("height", out var height) || !height.TryGetInt64(out var number) || number < 0)
        {
            return new JournalContent.Unreadable("field \"height\" is not a height");
        }
        if (!root.TryGetProperty("target", out var target) || target.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return new JournalContent.Unreadable("field \"target\" is missing");
        }
        if (target.ValueKind == JsonValueKind.Null)
        {
            return new JournalContent.SwitchingBack(AppliedUpgrade.Genesis);
        }
        return UpgradeName.TryParse(target.GetString(), out var name, out var error)
            ? new JournalContent.SwitchingBack(new AppliedUpgrade(name, number))
            : new JournalContent.Unreadable($"field \"target\": {error}");
    }
}

internal abstract record JournalContent
{
    private JournalContent() { }

    public sealed record Empty : JournalContent
    {
        public static readonly Empty Instance = new();
    }

    public sealed record Switching(UpgradeInfo Upgrade) : JournalContent;

    /// <summary>A rollback was pointing <c>current</c> back to <paramref name="Previous"/>.</summary>
    public sealed record SwitchingBack(AppliedUpgrade Previous) : JournalContent;

    public sealed record Unreadable(string Reason) : JournalContent;
}
