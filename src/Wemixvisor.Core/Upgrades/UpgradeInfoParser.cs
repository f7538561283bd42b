using System.Globalization;
using System.Text.Json;
using Wemixvisor.Core.Layout;

namespace Wemixvisor.Core.Upgrades;

/// <summary>
/// Reads <c>upgrade-info.json</c> in both shapes seen in the field: Cosmos SDK's
/// (<c>{"name","time","height","info":"&lt;string&gt;"}</c>, height possibly a JSON string) and
/// wemixvisor's (<c>{"name","height","info":{…}}</c>). Unknown fields are ignored. A file that is not UTF-8,
/// or whose fields hold a string that cannot be decoded (an escaped lone surrogate), is invalid. Never throws.
/// </summary>
public static class UpgradeInfoParser
{
    public const int MaxFileBytes = 1 << 20;

    public static TriggerFile Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxFileBytes)
        {
            return new TriggerFile.Invalid($"file is {json.Length} bytes; at most {MaxFileBytes} are accepted");
        }
        if (IsBlank(json))
        {
            return new TriggerFile.Incomplete("file is empty");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            return JsonText.IsTruncated(json)
                ? new TriggerFile.Incomplete("JSON ends early")
                : new TriggerFile.Invalid(JsonText.NotValid(e));
        }

        using (document)
        {
            // Checked once the JSON is complete: a file still being written may end inside a multi-byte character.
            if (!JsonText.IsUtf8(json))
            {
                return new TriggerFile.Invalid(JsonText.NotUtf8);
            }
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // Escapes are decoded only when a string is read: "\ud800" (half a surrogate pair) throws here.
                return new TriggerFile.Invalid(JsonText.NotValid(e));
            }
        }
    }

    private static TriggerFile Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new TriggerFile.Invalid($"the top level must be a JSON object, not {JsonText.Kind(root.ValueKind)}");
        }

        if (!root.TryGetProperty("name", out var nameElement))
        {
            return new TriggerFile.Invalid("field \"name\" is missing");
        }
        if (nameElement.ValueKind != JsonValueKind.String)
        {
            return new TriggerFile.Invalid($"field \"name\" must be a string, not {JsonText.Kind(nameElement.ValueKind)}");
        }
        if (!UpgradeName.TryParse(nameElement.GetString(), out var name, out var nameError))
        {
            return new TriggerFile.Invalid($"field \"name\": {nameError}");
        }

        if (!root.TryGetProperty("height", out var heightElement))
        {
            return new TriggerFile.Invalid("field \"height\" is missing");
        }
        if (ReadHeight(heightElement) is not { } height)
        {
            return new TriggerFile.Invalid($"field \"height\" must be an integer greater than 0, not {heightElement.GetRawText()}");
        }

        string? time = null;
        if (root.TryGetProperty("time", out var timeElement) && timeElement.ValueKind != JsonValueKind.Null)
        {
            if (timeElement.ValueKind != JsonValueKind.String)
            {
                return new TriggerFile.Invalid($"field \"time\" must be a string, not {JsonText.Kind(timeElement.ValueKind)}");
            }
            time = timeElement.GetString();
        }

        var info = "";
        if (root.TryGetProperty("info", out var infoElement))
        {
            // Kept as JSON text, decoded later (show-upgrade-info --output json, the applied marker): decode it now.
            JsonText.Decode(infoElement);
            info = infoElement.GetRawText();
        }
        return new TriggerFile.Valid(new UpgradeInfo(name.Value, height, time, info));
    }

    private static long? ReadHeight(JsonElement element)
    {
        long value;
        var parsed = element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value),
            _ => (value = 0) != 0,
        };
        return parsed && value > 0 ? value : null;
    }

    private static bool IsBlank(ReadOnlySpan<byte> json)
    {
        foreach (var b in json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return true;
    }
}
