using System.Collections;

namespace Wemixvisor.Cli;

/// <summary>The environment variables and working directory wemixvisor was started with.</summary>
public interface IProcessEnvironment
{
    IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Absolute; relative paths given on the command line are resolved against it.</summary>
    string WorkingDirectory { get; }
}

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironment : IProcessEnvironment
{
    public IReadOnlyDictionary<string, string> Variables { get; } =
        Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? "", StringComparer.Ordinal);

    public string WorkingDirectory { get; } = Environment.CurrentDirectory;
}
