using System.Text.Json;

namespace Wemixvisor.IntegrationTests.Run;

/// <summary><c>upgrade-info.json</c> texts as a node writes them.</summary>
internal static class Trigger
{
    public static string Json(string name, long height, string? infoJson = null)
    {
        var quotedName = JsonSerializer.Serialize(name);
        return infoJson is null
            ? $$"""{"name":{{quotedName}},"height":{{height}}}"""
            : $$"""{"name":{{quotedName}},"height":{{height}},"info":{{infoJson}}}""";
    }
}
