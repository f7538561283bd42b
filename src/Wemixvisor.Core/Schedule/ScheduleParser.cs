using System.Text.Json;
using Wemixvisor.Core.Downloads;
using Wemixvisor.Core.Layout;

namespace Wemixvisor.Core.Schedule;

/// <summary>
/// Reads <c>schedule.json</c>: <c>{"version":1,"upgrades":[{"name","height","status","reason","updated_at","url","checksum"}, …]}</c>.
/// Unknown fields are ignored. A missing file is <see cref="ScheduleFile.Absent"/>; anything else that is not a
/// schedule keeping every rule of <see cref="UpgradeSchedule"/> is <see cref="ScheduleFile.Invalid"/>, with the
/// field or entry named. Never throws.
/// </summary>
public static class ScheduleParser
{
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The format version this wemixvisor reads and writes.</summary>
    public const int Version = 1;

    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    /// <param name="json">The file's bytes (at most <see cref="MaxFileBytes"/> are read), or null when there is no file.</param>
    public static ScheduleFile Parse(byte[]? json)
    {
        if (json is null)
        {
            return ScheduleFile.Absent.Instance;
        }
        if (json.Length > MaxFileBytes)
        {
            return new ScheduleFile.Invalid($"file is larger than {MaxFileBytes} bytes, the most that is accepted");
        }
        if (json.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new ScheduleFile.Invalid("file is empty");
        }

        // The reader checks the structure but decodes strings only when asked: bad UTF-8 in a string would throw later.
        if (!JsonText.IsUtf8(json))
        {
            return new ScheduleFile.Invalid(JsonText.NotUtf8);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            return new ScheduleFile.Invalid(JsonText.IsTruncated(json) ? "JSON ends early: the file is truncated" : JsonText.NotValid(e));
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // Escapes are decoded only when a string is read: "\ud800" (half a surrogate pair) throws here.
                return new ScheduleFile.Invalid(JsonText.NotValid(e));
            }
        }
    }

    private static ScheduleFile Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"the top level must be a JSON object, not {JsonText.Kind(root.ValueKind)}");
        }
        if (!root.TryGetProperty("version", out var versionElement))
        {
            return Invalid("field \"version\" is missing");
        }
        if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out var version) || version < 1)
        {
            return Invalid($"field \"version\" must be {Version}, not {Excerpt(versionElement)}");
        }
        if (version != Version)
        {
            return Invalid($"field \"version\" is {version}; this wemixvisor reads version {Version} (was the file written by a newer one?)");
        }
        if (!root.TryGetProperty("upgrades", out var upgradesElement))
        {
            return Invalid("field \"upgrades\" is missing");
        }
        if (upgradesElement.ValueKind != JsonValueKind.Array)
        {
            return Invalid($"field \"upgrades\" must be an array, not {JsonText.Kind(upgradesElement.ValueKind)}");
        }

        var entries = new List<ScheduledUpgrade>(upgradesElement.GetArrayLength());
        var index = 0;
        foreach (var element in upgradesElement.EnumerateArray())
        {
            var entry = ReadEntry(element, index, out var error);
            if (entry is null)
            {
                return Invalid(error!);
            }
            entries.Add(entry);
            index++;
        }
        return UpgradeSchedule.TryCreate(entries, out var schedule, out var rule)
            ? new ScheduleFile.Valid(schedule)
            : Invalid(rule);
    }

    private static ScheduledUpgrade? ReadEntry(JsonElement element, int index, out string? error)
    {
        var label = $"upgrades[{index}]";
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{label} must be a JSON object, not {JsonText.Kind(element.ValueKind)}";
            return null;
        }

        if (!element.TryGetProperty("name", out var nameElement))
        {
            error = $"{label}: field \"name\" is missing";
            return null;
        }
        if (nameElement.ValueKind != JsonValueKind.String)
        {
            error = $"{label}: field \"name\" must be a string, not {JsonText.Kind(nameElement.ValueKind)}";
            return null;
        }
        if (!UpgradeName.TryParse(nameElement.GetString(), out var name, out var nameError))
        {
            error = $"{label}: field \"name\": {nameError}";
            return null;
        }
        label = $"{label} ({name})";

        if (!element.TryGetProperty("height", out var heightElement))
        {
            error = $"{label}: field \"height\" is missing";
            return null;
        }
        if (heightElement.ValueKind != JsonValueKind.Number || !heightElement.TryGetInt64(out var height) || height <= 0)
        {
            error = $"{label}: field \"height\" must be an integer greater than 0, not {Excerpt(heightElement)}";
            return null;
        }

        if (!element.TryGetProperty("status", out var statusElement))
        {
            error = $"{label}: field \"status\" is missing";
            return null;
        }
        if (statusElement.ValueKind != JsonValueKind.String || !ScheduleStatuses.TryParse(statusElement.GetString(), out var status))
        {
            error = $"{label}: field \"status\" must be {ScheduleStatuses.All}, not {Excerpt(statusElement)}";
            return null;
        }

        string? reason = null;
        if (element.TryGetProperty("reason", out var reasonElement) && reasonElement.ValueKind != JsonValueKind.Null)
        {
            if (reasonElement.ValueKind != JsonValueKind.String)
            {
                error = $"{label}: field \"reason\" must be a string or null, not {JsonText.Kind(reasonElement.ValueKind)}";
                return null;
            }
            reason = reasonElement.GetString();
        }

        DateTimeOffset? updatedAt = null;
        if (element.TryGetProperty("updated_at", out var updatedElement) && updatedElement.ValueKind != JsonValueKind.Null)
        {
            if (updatedElement.ValueKind != JsonValueKind.String || !updatedElement.TryGetDateTimeOffset(out var at))
            {
                error = $"{label}: field \"updated_at\" must be an ISO 8601 time such as \"2025-01-31T12:00:00+00:00\", or null, not {Excerpt(updatedElement)}";
                return null;
            }
            updatedAt = at;
        }

        BinarySource? source = null;
        if (element.TryGetProperty("url", out var urlElement) && urlElement.ValueKind != JsonValueKind.Null)
        {
            string? checksum = null;
            if (element.TryGetProperty("checksum", out var checksumElement) && checksumElement.ValueKind != JsonValueKind.Null)
            {
                if (checksumElement.ValueKind != JsonValueKind.String)
                {
                    error = $"{label}: field \"checksum\" must be a string such as \"sha256:<hex>\", or null, not {JsonText.Kind(checksumElement.ValueKind)}";
                    return null;
                }
                checksum = checksumElement.GetString();
            }
            if (urlElement.ValueKind != JsonValueKind.String)
            {
                error = $"{label}: field \"url\" must be a URL string, not {JsonText.Kind(urlElement.ValueKind)}";
                return null;
            }
            if (!BinarySource.TryParse(urlElement.GetString(), checksum, out source, out var sourceError))
            {
                error = $"{label}: field \"url\": {sourceError}";
                return null;
            }
        }

        return new ScheduledUpgrade(name.Value, height, status.Value, reason, updatedAt, source);
    }

    private static ScheduleFile.Invalid Invalid(string reason) => new(reason);

    /// <summary>A value as it appears in the file, shortened so that a huge value does not flood the message.</summary>
    private static string Excerpt(JsonElement element)
    {
        const int Max = 40;
        var text = element.GetRawText();
        return text.Length <= Max ? text : text[..Max] + "…";
    }
}
