using System.Text.Json;

namespace Wemixvisor.Core.Downloads;

/// <summary>
/// Finds the download URL of an upgrade's binary in the plan's <c>info</c>, as Cosmovisor reads it:
/// <c>{"binaries": {"linux/amd64": "URL?checksum=sha256:HEX", "any": "…"}}</c>, given as an object or as a JSON
/// string holding that text, or an <c>info</c> that is itself a URL to such a document. Never throws.
/// </summary>
public static class UpgradeBinaries
{
    /// <summary>The most a binaries document downloaded from an <c>info</c> URL may hold.</summary>
    public const int MaxDocumentBytes = 1 << 20;

    /// <param name="info">The <c>info</c> field as JSON text (<see cref="Upgrades.UpgradeInfo.Info"/>); <c>""</c> when absent.</param>
    /// <param name="platform">The machine's key, <see cref="PlatformKey.Current"/>.</param>
    public static BinaryLocation Locate(string info, string platform)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Length == 0)
        {
            return new BinaryLocation.None("the upgrade plan has no info");
        }
        try
        {
            using var document = JsonDocument.Parse(info);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return FromObject(root, platform, "the upgrade plan's info");
            }
            if (root.ValueKind != JsonValueKind.String)
            {
                return new BinaryLocation.None("the upgrade plan's info names no binaries");
            }
            var text = root.GetString()!.Trim();
            if (text.StartsWith('{'))
            {
                return FromDocument(text, platform, "the upgrade plan's info");
            }
            return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0
                ? new BinaryLocation.Document(url)
                : new BinaryLocation.None("the upgrade plan's info names no binaries");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new BinaryLocation.None($"the upgrade plan's info is not valid JSON ({e.Message})");
        }
    }

    /// <summary>Reads a binaries document (the text behind an <c>info</c> URL); <paramref name="what"/> names it in reasons.</summary>
    public static BinaryLocation FromDocument(string json, string platform, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? FromObject(document.RootElement, platform, what)
                : new BinaryLocation.None($"{what} is not a JSON object with a \"binaries\" map");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new BinaryLocation.None($"{what} is not valid JSON ({e.Message})");
        }
    }

    /// <summary>The <c>info</c> text of a plan whose binary is at <paramref name="source"/>, as schedule entries give it.</summary>
    public static string InfoFor(BinarySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("binaries");
            writer.WriteString(PlatformKey.Any, source.Text);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static BinaryLocation FromObject(JsonElement root, string platform, string what)
    {
        if (!root.TryGetProperty("binaries", out var binaries))
        {
            return new BinaryLocation.None($"{what} has no \"binaries\" map");
        }
        if (binaries.ValueKind != JsonValueKind.Object)
        {
            return new BinaryLocation.None($"{what}: \"binaries\" must be an object of platform to URL");
        }
        foreach (var key in new[] { platform, PlatformKey.Any })
        {
            if (!binaries.TryGetProperty(key, out var entry))
            {
                continue;
            }
            if (entry.ValueKind != JsonValueKind.String)
            {
                return new BinaryLocation.None($"{what}: \"binaries\".\"{key}\" must be a URL string");
            }
            return BinarySource.TryParse(entry.GetString(), null, out var source, out var error)
                ? new BinaryLocation.Found(source)
                : new BinaryLocation.None($"{what}: \"binaries\".\"{key}\": {error}");
        }
        return new BinaryLocation.None($"{what} lists no binary for {platform} or {PlatformKey.Any}");
    }
}
