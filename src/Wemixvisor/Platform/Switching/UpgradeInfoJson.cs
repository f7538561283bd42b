using System.Text.Json;
using Wemixvisor.Core.Layout;
using Wemixvisor.Core.Upgrades;

namespace Wemixvisor.Platform.Switching;

/// <summary>An upgrade as JSON (<c>name</c>, <c>height</c>, <c>time</c>, <c>info</c>): the applied marker's content and the journal's payload.</summary>
internal static class UpgradeInfoJson
{
    public static void Write(Utf8JsonWriter writer, UpgradeInfo upgrade)
    {
        writer.WriteStartObject();
        writer.WriteString("name", upgrade.Name.Value);
        writer.WriteNumber("height", upgrade.Height);
        if (upgrade.Time is { } time)
        {
            writer.WriteString("time", time);
        }
        if (!string.IsNullOrWhiteSpace(upgrade.Info))
        {
            writer.WritePropertyName("info");
            writer.WriteRawValue(upgrade.Info);
        }
        writer.WriteEndObject();
    }

    public static byte[] ToBytes(UpgradeInfo upgrade)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, upgrade);
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads back what <see cref="Write"/> wrote; throws <see cref="JsonException"/> or <see cref="FormatException"/> naming the field otherwise.</summary>
    public static UpgradeInfo Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the upgrade is not a JSON object");
        }
        var name = element.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? UpgradeName.Parse(nameElement.GetString()!)
            : throw new JsonException("field \"name\" is missing or not a string");
        var height = element.TryGetProperty("height", out var heightElement) && heightElement.TryGetInt64(out var h)
            ? h
            : throw new JsonException("field \"height\" is missing or not an integer");
        var time = element.TryGetProperty("time", out var timeElement) && timeElement.ValueKind == JsonValueKind.String
            ? timeElement.GetString()
            : null;
        var info = element.TryGetProperty("info", out var infoElement) ? infoElement.GetRawText() : "";
        return new UpgradeInfo(name, height, time, info);
    }
}
