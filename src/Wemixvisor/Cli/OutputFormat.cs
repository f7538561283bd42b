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
}
