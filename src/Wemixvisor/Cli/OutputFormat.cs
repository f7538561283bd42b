using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wemixvisor.Cli;

/// <summary>The <c>--output text|json</c> choice of the reporting commands.</summary>
public enum OutputFormat
{
    Text,
    Json,
}

public static class OutputFormats
{
    public const string Description = "output format: text or json";

    /// <exception cref="Cocona.CommandExitedException">Neither text nor json (exit code 2).</exception>
    public static OutputFormat Parse(string value) => value.ToLowerInvariant() switch
    {
        "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        _ => throw CliErrors.InvalidUsage($"--output \"{value}\": must be text or json"),
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes a command's JSON answer, indented, as one document on <paramref name="output"/>.</summary>
    public static void WriteJson(TextWriter output, JsonNode json) => output.WriteLine(json.ToJsonString(Indented));
}
